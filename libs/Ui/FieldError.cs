using System.Globalization;

namespace Buurt.Ui;

/// <summary>What is wrong with one form field, in the reader's language; <see cref="Field"/> is the field's name.</summary>
public sealed record FieldError(string Field, string Message)
{
    /// <summary>"Vul e-mailadres in." for a field left empty, named by its label.</summary>
    public static FieldError Required(string field, string label) =>
        new(field, string.Format(CultureInfo.InvariantCulture, UiTexts.Required, label.ToLowerInvariant()));
}
