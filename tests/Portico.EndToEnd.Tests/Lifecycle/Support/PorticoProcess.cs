using System.Collections.Concurrent;
using System.Diagnostics;

namespace Portico.EndToEnd.Tests.Lifecycle.Support;

/// <summary>
/// The real <c>portico</c> executable (<c>portico.dll</c>, copied next to the test assembly by the project reference),
/// run with <c>dotnet</c>. Collects stdout and stderr; killed on dispose if it is still running.
/// </summary>
internal sealed class PorticoProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private PorticoProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _stdout.Enqueue(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _stderr.Enqueue(e.Data);
            }
        };
    }

    public static string Executable => Path.Combine(AppContext.BaseDirectory, "portico.dll");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string StandardOutput => string.Join("\n", _stdout);

    public string StandardError => string.Join("\n", _stderr);

    public static PorticoProcess Start(params string[] arguments)
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: the test project must reference Portico.Cli");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

        // A test run started in the background by a shell (`dotnet test &`) ignores SIGINT, and children inherit that,
        // so portico would never see a SIGINT. Give it the default disposition back (env execs, so the pid stays).
        var info = new ProcessStartInfo(SigintIgnored() ? "env" : dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        if (info.FileName == "env")
        {
            info.ArgumentList.Add("--default-signal=INT");
            info.ArgumentList.Add(dotnet);
        }

        info.ArgumentList.Add(Executable);
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        var process = new PorticoProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"));
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        return process;
    }

    /// <summary>True when this process ignores SIGINT (bit 2 of <c>SigIgn</c> in <c>/proc/self/status</c>).</summary>
    private static bool SigintIgnored()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
            return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0x2) != 0;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Runs to completion (e.g. <c>--help</c>) and returns the exit code.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        using var p = Start(arguments);
        await p.WaitForExitAsync(timeout);
        return (p.ExitCode, p.StandardOutput, p.StandardError);
    }

    /// <summary>Sends a signal, e.g. <c>TERM</c> or <c>INT</c> (<see cref="Process.Kill()"/> would send SIGKILL).</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits for the process (and its output streams) to end; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"portico did not exit within {timeout.TotalSeconds} s.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
