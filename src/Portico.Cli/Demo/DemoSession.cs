using System.Security.Cryptography.X509Certificates;
using System.Text;
using Portico.Cli.Run;
using Portico.Files.Reading;
using Portico.Model.Core;
using Portico.Model.GatewayApi;
using Portico.Model.Meta;

namespace Portico.Cli.Demo;

/// <summary>
/// A running demo: the sample instances the EndpointSlices name, then the gateway on the (port-shifted) manifests.
/// <code>
///  start: (1) samples ─ (2) run directory (shifted copies) ─ (3) gateway, first configuration applied
///  stop:  (1) gateway ─ (2) samples ─ (3) run directory
/// </code>
/// </summary>
internal sealed class DemoSession : IAsyncDisposable
{
    private DemoSession(DemoPlan plan, SampleFleet samples, RunDirectory run, GatewayHost gateway)
    {
        Plan = plan;
        Samples = samples;
        Run = run;
        Gateway = gateway;
        Listeners = ListenerTargets.Find(plan.Manifests.KubeObjects, plan.Options.PortOffset);
        Trusted = LoadTrusted(plan);
    }

    public DemoPlan Plan { get; }

    public SampleFleet Samples { get; }

    public RunDirectory Run { get; }

    public GatewayHost Gateway { get; }

    public IReadOnlyList<ListenerTarget> Listeners { get; }

    /// <summary>Certificates a client trusts: the demo CA, and every certificate in the Gateways' TLS Secrets.</summary>
    public X509Certificate2Collection Trusted { get; }

    /// <param name="copyAll">Give the gateway copies of every file (for <c>--verify</c>, which edits them).</param>
    /// <exception cref="DemoStartException">A sample or the admin API could not bind its address.</exception>
    public static async Task<DemoSession> StartAsync(DemoPlan plan, bool copyAll, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);

        // :: Step 1 — before the gateway, so its first calls never find a backend missing.
        var samples = await SampleFleet.StartAsync(plan.Samples, cancellationToken).ConfigureAwait(false);
        RunDirectory? run = null;
        try
        {
            // :: Step 2
            run = RunDirectory.Create(plan.Workspace, plan.Manifests, plan.Options.PortOffset, copyAll);

            // :: Step 3
            var options = new RunOptions
            {
                ConfigPaths = run.ConfigPaths,
                AdminAddress = plan.Options.AdminAddress,
                DefaultAddresses = [ListenerTargets.DefaultAddress],
                GracePeriod = TimeSpan.FromSeconds(1), // demo calls are short; Ctrl-C should feel immediate
                PollInterval = TimeSpan.FromMilliseconds(250),
                LogLevel = plan.Options.LogLevel,
            };
            GatewayHost gateway;
            try
            {
                gateway = await GatewayHost.StartAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new DemoStartException($"cannot start the admin API on {options.AdminAddress}: {e.Message} (choose another with --admin-address, port 0 for any)", e);
            }

            return new DemoSession(plan, samples, run, gateway);
        }
        catch
        {
            run?.Dispose();
            await samples.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>One line per Gateway that is not Programmed, with a hint when privileged ports are the likely cause.</summary>
    public IReadOnlyList<string> UnprogrammedGateways()
    {
        var problems = new List<string>();
        foreach (var item in Gateway.Store.Current.Status.Items.Where(i => i.Status is GatewayStatus))
        {
            var programmed = ((GatewayStatus)item.Status).Conditions.FirstOrDefault(c => c.Type == "Programmed");
            if (programmed?.Status != ConditionStatus.True)
            {
                problems.Add($"Gateway {item.Metadata.Namespace}/{item.Metadata.Name} is not Programmed: {programmed?.Reason}: {programmed?.Message}");
            }
        }

        if (problems.Count > 0 && Listeners.Any(l => l.EndPoint.Port < 1024))
        {
            problems.Add("ports below 1024 need root (or CAP_NET_BIND_SERVICE); run as yourself with e.g. --port-offset 8000 (443 → 8443, 80 → 8080)");
        }

        return problems;
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync().ConfigureAwait(false);
        await Samples.DisposeAsync().ConfigureAwait(false);
        Run.Dispose();
    }

    private static X509Certificate2Collection LoadTrusted(DemoPlan plan)
    {
        var trusted = new X509Certificate2Collection();
        if (plan.Tls.CaCertificateFile is { } ca && File.Exists(ca))
        {
            trusted.ImportFromPemFile(ca);
        }

        // Self-signed certificates (or chains that include their CA) from the user's own Secrets are trusted as they are.
        foreach (var secret in plan.Manifests.KubeObjects.OfType<Secret>().Where(s => s.Type == Secret.TlsType))
        {
            if (secret.GetValue(Secret.TlsCertKey) is { } pem)
            {
                try
                {
                    trusted.ImportFromPem(Encoding.UTF8.GetString(pem));
                }
                catch (System.Security.Cryptography.CryptographicException)
                {
                    // A broken Secret is the gateway's to report (InvalidCertificateRef), not the client's.
                }
            }
        }

        return trusted;
    }
}
