using System.Diagnostics;
using System.Globalization;

namespace Buurt.Benchmarks;

/// <summary>
/// A server the benchmark starts as a process of its own (a built service, nginx), its output in a
/// log file, killed with its children when disposed. Its CPU time (and its children's) says what
/// the requests cost it.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _log;

    private ChildProcess(Process process, string log)
    {
        _process = process;
        _log = log;
    }

    /// <summary>
    /// A project of the repository, as built beside this benchmark (same configuration), on 127.0.0.1:port;
    /// or the build in <paramref name="buildFolder"/> (another version of it, to compare side by side).
    /// </summary>
    public static ChildProcess StartDotnet(
        string workFolder, string name, string projectFolder, string assembly, int port, Dictionary<string, string> environment, string? buildFolder = null)
    {
        // This benchmark runs from tests/Benchmarks/bin/<Configuration>/net10.0/; the project's build sits beside it.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var bin = buildFolder ?? Path.Combine(Measurements.RepositoryRoot(), projectFolder, "bin", configuration, "net10.0");
        var dll = Path.Combine(bin, assembly + ".dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build {projectFolder} -c {configuration}.");
        }
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        return Start(workFolder, name, "dotnet", [dll], bin, environment);
    }

    /// <summary>
    /// nginx in front of one upstream, as an operator would run it: keep-alive upstream, the gateway's
    /// tenant header, no cache, no access log. Without an upstream it answers every request itself with
    /// <paramref name="staticBody"/> (a service that costs nothing, to see what the proxy in front costs).
    /// </summary>
    public static ChildProcess StartNginx(string workFolder, int port, int? upstreamPort, string staticBody = "{}")
    {
        var name = upstreamPort is null ? "nginx-static" : "nginx";
        var folder = Path.Combine(workFolder, name);
        var location = upstreamPort is null
            ? $$"""
                default_type application/json;
                        return 200 '{{staticBody}}';
                """
            : """
                proxy_pass http://initiatives;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $host;
                        # What the gateway does after resolving the tenant (here: trusted as sent).
                        proxy_set_header X-Buurt-Tenant $http_x_tenant;
                        proxy_set_header X-Tenant "";
                        proxy_max_temp_file_size 0;
                """;
        Directory.CreateDirectory(folder);
        var config = Path.Combine(folder, "nginx.conf");
        File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $$"""
            worker_processes 2;
            daemon off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                upstream initiatives {
                    server 127.0.0.1:{{upstreamPort ?? port}};
                    keepalive 64;
                }
                server {
                    listen 127.0.0.1:{{port}};
                    location = /health/live { return 200 "ok"; }
                    location / {
                        {{location.Trim()}}
                    }
                }
            }
            """));
        return Start(workFolder, name, Tools.Find("nginx")!, ["-p", folder, "-e", Path.Combine(folder, "error.log"), "-c", config], folder, []);
    }

    private static ChildProcess Start(string workFolder, string name, string program, string[] arguments, string folder, Dictionary<string, string> environment)
    {
        var log = Path.Combine(workFolder, name + ".log");
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { lock (writer) { if (e.Data is not null) { writer.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { lock (writer) { if (e.Data is not null) { writer.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process, log);
    }

    /// <summary>Until the address answers 200 (two minutes at most; fails at once when the process died).</summary>
    public async Task WaitReadyAsync(string url)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
            {
                break;
            }
            try
            {
                if ((await client.GetAsync(url)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(300);
        }
        throw new InvalidOperationException($"{url} did not get ready; the log ({_log}) ends:\n{string.Join('\n', File.ReadLines(_log).TakeLast(30))}");
    }

    public int Id => _process.Id;

    /// <summary>CPU time of the process and its children (nginx's workers) so far.</summary>
    public TimeSpan CpuTime()
    {
        var total = TimeSpan.Zero;
        foreach (var pid in Tools.ProcessTree(_process.Id))
        {
            try
            {
                total += Process.GetProcessById(pid).TotalProcessorTime;
            }
            catch (ArgumentException)
            {
                // Gone in between.
            }
        }
        return total;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

/// <summary>Programs the benchmarks call (wrk, nginx).</summary>
public static class Tools
{
    /// <summary>The program's path on PATH or in the system folders (nginx lives in /usr/sbin), or null.</summary>
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/usr/bin", "/sbin", "/bin"])
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs a program to its end (killed after <paramref name="timeout"/>) and returns what it printed.</summary>
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Find(program) ?? program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not end within {timeout.TotalSeconds:0} s.");
        }
        return await output + await errors;
    }

    /// <summary>The process and its descendants, from /proc.</summary>
    public static List<int> ProcessTree(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                try
                {
                    // pid (comm) state ppid ...: comm may hold spaces, so read after the last ')'.
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                }
            }
        }
        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(parents.Where(p => p.Value == tree[i]).Select(p => p.Key));
        }
        return tree;
    }
}
