namespace Portico.Cli.Demo.Verify;

/// <summary>
/// <c>portico demo --verify</c>: runs the guide's checks against a running demo and prints, in order, what the
/// guide's kubectl steps would show, the canary tally as <c>sort | uniq -c</c> prints it, and the table of checks.
/// The status is read before the ReferenceGrant check edits the gateway's copy of the manifests.
/// </summary>
internal static class DemoVerifier
{
    public static async Task<VerifyReport> RunAsync(DemoSession session, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(output);
        var report = new VerifyReport();
        using var context = new VerifyContext(session, report, cancellationToken);

        KubectlView.Write(session.Gateway.Store.Current.Status, session.Plan.Manifests.KubeObjects, output);
        StatusChecks.Run(context.Status, report);
        await SampleChecks.RunAsync(context).ConfigureAwait(false);
        await UserRouteChecks.RunAsync(context).ConfigureAwait(false);
        var tally = await TrafficSplitChecks.RunAsync(context).ConfigureAwait(false);
        await ReferenceGrantChecks.RunAsync(context).ConfigureAwait(false);

        var listener = context.Listener(Walkthrough.ProductionGateway, Walkthrough.HttpsListener);
        output.WriteLine($"$ for i in $(seq 1 {Walkthrough.CanaryCalls}); do grpcurl ... -authority {Walkthrough.ApiHost} {listener?.EndPoint} order.v1.OrderService/GetOrder 2>&1 | grep server_version; done | sort | uniq -c");
        foreach (var line in tally)
        {
            output.WriteLine(line);
        }

        output.WriteLine();
        report.Write(output);
        return report;
    }
}
