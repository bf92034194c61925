using System.Text;
using System.Text.Json;
using Buurt.Identity.Domain;
using Buurt.ServiceDefaults.Domain;
using static Buurt.Identity.UseCases.AreaImport;

namespace Buurt.Identity.Api;

/// <summary>
/// The two files an import takes. CSV (UTF-8, a header row): <c>kind,code,name,parent,postcodes</c>
/// with kind wijk or buurt, parent the wijk code of a buurt, postcodes PC4 ranges of a wijk
/// (<c>1211-1213 1215</c>). GeoJSON: a FeatureCollection in the shape of the CBS wijk- en
/// buurtkaart (properties <c>wijkcode</c>/<c>wijknaam</c>, or <c>buurtcode</c>/<c>buurtnaam</c> with
/// <c>wijkcode</c>), geometry in WGS84; the codes (WK040201, BU04020101) are kept.
/// </summary>
public static class AreaImportFormats
{
    public static IReadOnlyList<Row> FromCsv(string text)
    {
        var lines = CsvRecords(text).ToList();
        if (lines.Count == 0)
        {
            throw RuleException.Invalid("file", "The file is empty; its first row names the columns kind,code,name,parent,postcodes.");
        }
        var header = lines[0].Select(h => h.Trim().ToLowerInvariant()).ToList();
        int Column(string name) => header.IndexOf(name) is >= 0 and var i ? i
            : throw RuleException.Invalid("file", $"The header row has no column '{name}' (kind,code,name,parent,postcodes).");
        int kind = Column("kind"), code = Column("code"), name = Column("name");
        int parent = header.IndexOf("parent"), postcodes = header.IndexOf("postcodes");
        var rows = new List<Row>();
        for (var i = 1; i < lines.Count; i++)
        {
            var cells = lines[i];
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            string Cell(int column) => column >= 0 && column < cells.Count ? cells[column].Trim() : "";
            var where = $"rows[{i}]";
            rows.Add(new Row(where, KindOf(Cell(kind), $"{where}.kind"), Required(Cell(code), $"{where}.code"), Required(Cell(name), $"{where}.name"),
                Cell(parent) is { Length: > 0 } p ? p : null, null, Ranges(Cell(postcodes), $"{where}.postcodes")));
        }
        return rows;
    }

    public static IReadOnlyList<Row> FromGeoJson(string text)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
            throw RuleException.Invalid("file", "The file is not JSON.");
        }
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            throw RuleException.Invalid("file", "A GeoJSON FeatureCollection with features is expected.");
        }
        if (root.TryGetProperty("crs", out var crs) && crs.ToString() is var named && !named.Contains("4326", StringComparison.Ordinal) && !named.Contains("CRS84", StringComparison.Ordinal))
        {
            throw RuleException.Invalid("crs", $"The coordinates must be WGS84 (EPSG:4326), not {named}; the CBS publishes RD (EPSG:28992): convert with e.g. ogr2ogr -t_srs EPSG:4326.");
        }
        var rows = new List<Row>();
        var index = 0;
        foreach (var feature in features.EnumerateArray())
        {
            var where = $"features[{index++}]";
            var properties = feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            string? Property(string name) =>
                properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            JsonElement? geometry = feature.TryGetProperty("geometry", out var g) && g.ValueKind == JsonValueKind.Object ? g.Clone() : null;
            if (Property("buurtcode") is { Length: > 0 } buurt)
            {
                rows.Add(new Row(where, AreaKind.Buurt, buurt, Required(Property("buurtnaam"), $"{where}.properties.buurtnaam"),
                    Required(Property("wijkcode"), $"{where}.properties.wijkcode"), geometry, []));
            }
            else if (Property("wijkcode") is { Length: > 0 } wijk)
            {
                rows.Add(new Row(where, AreaKind.Wijk, wijk, Required(Property("wijknaam"), $"{where}.properties.wijknaam"), null, geometry, []));
            }
            else
            {
                throw RuleException.Invalid($"{where}.properties", "A feature has a wijkcode (a wijk) or a buurtcode with its wijkcode (a buurt).");
            }
        }
        return rows;
    }

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw RuleException.Invalid(field, "This is required.") : value.Trim();

    private static AreaKind KindOf(string value, string field) => value.ToLowerInvariant() switch
    {
        "wijk" => AreaKind.Wijk,
        "buurt" => AreaKind.Buurt,
        _ => throw RuleException.Invalid(field, "The kind is wijk or buurt."),
    };

    private static List<(int From, int To)> Ranges(string value, string field)
    {
        var ranges = new List<(int, int)>();
        foreach (var part in value.Split([' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var ends = part.Split('-');
            if (ends.Length is < 1 or > 2 || !int.TryParse(ends[0], out var from) || !int.TryParse(ends[^1], out var to))
            {
                throw RuleException.Invalid(field, $"'{part}' is not a PC4 postcode or range such as 1211-1213.");
            }
            ranges.Add((from, to));
        }
        return ranges;
    }

    /// <summary>RFC 4180 records: commas, quoted cells with "" for a quote, CRLF or LF.</summary>
    private static IEnumerable<List<string>> CsvRecords(string text)
    {
        var cell = new StringBuilder();
        var record = new List<string>();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(cell.ToString()); cell.Clear(); }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                record.Add(cell.ToString()); cell.Clear();
                yield return record;
                record = [];
            }
            else if (c != '\uFEFF' || i > 0) cell.Append(c);
        }
        if (cell.Length > 0 || record.Count > 0)
        {
            record.Add(cell.ToString());
            yield return record;
        }
    }
}
