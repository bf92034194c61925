using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.Http.Json;
using System.Text.Json;
using MimeKit;

namespace Buurt.Testing;

/// <summary>
/// A real SMTP server of the test's own: smtp4dev (the repository's local dotnet tool) on free
/// ports of 127.0.0.1, IMAP and POP3 off, messages in memory, its data folder a temporary one. It
/// keeps every mail it receives; tests read them back through its API as MIME. It can be stopped
/// and started again on the same ports (the SMTP-down tests).
/// </summary>
public sealed class TestMailServer : IAsyncDisposable
{
    // Generous: on a busy CI machine a freshly started smtp4dev answers its first requests slowly.
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly string _data = Path.Combine(Path.GetTempPath(), TestServers.UniqueName("smtp4dev"));
    private Process? _process;

    private TestMailServer(int smtpPort, Uri web)
    {
        SmtpPort = smtpPort;
        Web = web;
    }

    public int SmtpPort { get; }

    /// <summary>The web UI and API.</summary>
    public Uri Web { get; }

    /// <summary>The largest message it accepts (bytes), if limited: a larger one is refused.</summary>
    public int? MaxMessageSize { get; set; }

    /// <summary>Starts a new server on free ports and waits until its API answers.</summary>
    public static async Task<TestMailServer> StartAsync(int? maxMessageSize = null)
    {
        var server = new TestMailServer(ServiceFactory<TestMailServer>.FreePort(), new Uri($"http://127.0.0.1:{ServiceFactory<TestMailServer>.FreePort()}/"))
        {
            MaxMessageSize = maxMessageSize,
        };
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>An smtp4dev someone else runs (./platform's), to read its mails; never stopped from here.</summary>
    public static TestMailServer Running(int smtpPort, Uri web) => new(smtpPort, web);

    /// <summary>
    /// (Re)starts the process on the same ports; the mails it had are gone (its store is in memory).
    /// Done when its SMTP port greets: smtp4dev whose SMTP port is taken logs "SMTP server failed to
    /// start" and runs on with its API answering, so the API alone says nothing. Such a start is
    /// tried again once the port is free.
    /// </summary>
    public async Task StartAgainAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var output = await StartProcessAsync();
            if (await GreetsWithinAsync(TimeSpan.FromSeconds(60), output))
            {
                return;
            }
            var lines = string.Join(" | ", output.TakeLast(5));
            await StopAsync();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"smtp4dev's SMTP port {SmtpPort} never greeted in 3 starts; its last lines: {lines}");
            }
        }
    }

    /// <summary>Starts smtp4dev and waits until its API answers; its output lines are gathered for messages.</summary>
    private async Task<ConcurrentQueue<string>> StartProcessAsync()
    {
        Directory.CreateDirectory(_data);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])
            ["tool", "run", "smtp4dev", "--", $"--urls={Web.ToString().TrimEnd('/')}", $"--smtpport={SmtpPort}", "--imapport=", "--pop3port=",
                "--bindaddress=127.0.0.1", "--db=", "--nousersettings", "--messagestokeep=100000", $"--baseappdatapath={_data}"])
        {
            start.ArgumentList.Add(argument);
        }
        if (MaxMessageSize is { } max)
        {
            start.ArgumentList.Add($"--maxmessagesize={max}");
        }
        var output = new ConcurrentQueue<string>();
        var process = Process.Start(start) ?? throw new InvalidOperationException("smtp4dev did not start.");
        _process = process;
        // Read its output (a full pipe would stop it), keeping the last lines.
        DataReceivedEventHandler keep = (_, line) =>
        {
            if (line.Data is { Length: > 0 } text)
            {
                output.Enqueue(text);
                if (output.Count > 50)
                {
                    output.TryDequeue(out string? _);
                }
            }
        };
        process.OutputDataReceived += keep;
        process.ErrorDataReceived += keep;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Eventually.TrueAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"smtp4dev exited with {process.ExitCode}; is the tool restored (dotnet tool restore)? {string.Join(" | ", output.TakeLast(5))}");
            }
            try
            {
                return (await s_http.GetAsync(new Uri(Web, "api/messages?pageSize=1"))).IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or (a busy machine) starting up slower than a request's timeout: ask again.
                return false;
            }
        }, TimeSpan.FromSeconds(90), "smtp4dev to answer");
        return output;
    }

    /// <summary>Whether the SMTP port says "220" within the time, unless smtp4dev said its SMTP server failed.</summary>
    private async Task<bool> GreetsWithinAsync(TimeSpan time, ConcurrentQueue<string> output)
    {
        var deadline = DateTime.UtcNow + time;
        while (DateTime.UtcNow < deadline)
        {
            if (await SmtpGreetsAsync())
            {
                return true;
            }
            if (output.Any(l => l.Contains("SMTP server failed to start", StringComparison.Ordinal)))
            {
                return false;
            }
            await Task.Delay(100);
        }
        return false;
    }

    private async Task<bool> SmtpGreetsAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await client.ConnectAsync(IPAddress.Loopback, SmtpPort, timeout.Token);
            using var reader = new StreamReader(client.GetStream());
            var greeting = await reader.ReadLineAsync(timeout.Token);
            await client.GetStream().WriteAsync("QUIT\r\n"u8.ToArray(), timeout.Token);
            return greeting?.StartsWith("220", StringComparison.Ordinal) == true;
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Stops the server (its SMTP port refuses connections until <see cref="StartAgainAsync"/>).
    /// Killing the tool's host returns at once; the server, its child, may hold the ports a moment longer.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
        await Eventually.TrueAsync(async () => !await ListensAsync(SmtpPort) && !await ListensAsync(Web.Port), TimeSpan.FromSeconds(30),
            "smtp4dev's ports to be free");
    }

    private static async Task<bool> ListensAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return e is OperationCanceledException; // no answer in time: something still holds it
        }
    }

    /// <summary>Every mail received so far (oldest first), parsed.</summary>
    public async Task<IReadOnlyList<MimeMessage>> MessagesAsync()
    {
        var list = await s_http.GetFromJsonAsync<JsonElement>(new Uri(Web, "api/messages?pageSize=100000"));
        var mails = new List<(DateTimeOffset Received, MimeMessage Message)>();
        foreach (var summary in list.GetProperty("results").EnumerateArray())
        {
            await using var raw = await s_http.GetStreamAsync(new Uri(Web, $"api/messages/{summary.GetProperty("id").GetString()}/raw"));
            mails.Add((summary.GetProperty("receivedDate").GetDateTimeOffset(), await MimeMessage.LoadAsync(raw)));
        }
        return [.. mails.OrderBy(m => m.Received).Select(m => m.Message)];
    }

    /// <summary>How many mails it keeps (its API's row count), without reading them.</summary>
    public async Task<int> CountAsync() =>
        (await s_http.GetFromJsonAsync<JsonElement>(new Uri(Web, "api/messages?pageSize=1"))).GetProperty("rowCount").GetInt32();

    /// <summary>Deletes every mail it keeps (a long run keeps the server's in-memory store small).</summary>
    public async Task ClearAsync() => (await s_http.DeleteAsync(new Uri(Web, "api/messages/*"))).EnsureSuccessStatusCode();

    /// <summary>
    /// Every mail's recipients and subject, read page by page from the API's summaries (no bodies):
    /// enough to count thousands of mails quickly.
    /// </summary>
    public async Task<IReadOnlyList<(IReadOnlyList<string> To, string Subject)>> SummariesAsync(int pageSize = 500)
    {
        var summaries = new List<(IReadOnlyList<string>, string)>();
        for (var page = 1; ; page++)
        {
            var list = await s_http.GetFromJsonAsync<JsonElement>(new Uri(Web, $"api/messages?page={page}&pageSize={pageSize}"));
            foreach (var summary in list.GetProperty("results").EnumerateArray())
            {
                summaries.Add(([.. summary.GetProperty("to").EnumerateArray().Select(t => t.GetString()!)], summary.GetProperty("subject").GetString() ?? ""));
            }
            if (page >= list.GetProperty("pageCount").GetInt32())
            {
                return summaries;
            }
        }
    }

    /// <summary>The mails to one address.</summary>
    public async Task<IReadOnlyList<MimeMessage>> MessagesToAsync(string address) =>
        [.. (await MessagesAsync()).Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Waits until <paramref name="count"/> mails matched, and returns those that match.</summary>
    public Task<IReadOnlyList<MimeMessage>> WaitForAsync(Func<MimeMessage, bool> match, int count = 1, TimeSpan? timeout = null, string? what = null) =>
        Eventually.ValueAsync(async () => (IReadOnlyList<MimeMessage>)[.. (await MessagesAsync()).Where(match)], m => m.Count >= count, timeout,
            what ?? $"{count} mail(s)");

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder; the system cleans it.
        }
    }

    /// <summary>The repository's folder (where dotnet-tools.json is) above the running tests.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "dotnet-tools.json")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No dotnet-tools.json above {AppContext.BaseDirectory}.");
    }
}
