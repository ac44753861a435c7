using System.Diagnostics;

namespace Portico.Ops.Tests;

/// <summary>
/// Debian's <c>chromium</c>, headless, with a fresh profile per run and everything that phones home switched off.
/// Missing chromium fails the test with the command that installs it (CI installs it in <c>.ci/run</c>).
/// </summary>
internal static class HeadlessChromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    public static string Executable
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("PORTICO_CHROMIUM") ?? "/usr/bin/chromium";
            Assert.True(File.Exists(path),
                $"headless Chromium is required for the dashboard test and {path} does not exist: run 'apt-get update && apt-get install -y chromium' " +
                "(.ci/run does this), or set PORTICO_CHROMIUM to its path.");
            return path;
        }
    }

    /// <summary>The page's DOM after <paramref name="virtualTimeMilliseconds"/> of (virtual) time: scripts ran, polls happened.</summary>
    public static Task<string> DumpDomAsync(Uri page, int virtualTimeMilliseconds) =>
        RunAsync(["--dump-dom", $"--virtual-time-budget={virtualTimeMilliseconds}", page.ToString()]);

    public static async Task ScreenshotAsync(Uri page, string file, int virtualTimeMilliseconds)
    {
        File.Delete(file);
        await RunAsync([$"--screenshot={file}", $"--virtual-time-budget={virtualTimeMilliseconds}", page.ToString()]);
        Assert.True(File.Exists(file), $"chromium wrote no screenshot to {file}");
    }

    private static async Task<string> RunAsync(IEnumerable<string> args)
    {
        var profile = Directory.CreateTempSubdirectory("portico-chromium-");
        try
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}", "--window-size=1280,1024",
            }.Concat(args))
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"chromium did not finish within {Timeout.TotalSeconds} s: {await stderr}");
            }

            Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {await stderr}");
            return await stdout;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
