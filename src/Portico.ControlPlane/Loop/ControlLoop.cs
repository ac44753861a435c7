using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Portico.ControlPlane.Metrics;
using Portico.ControlPlane.Status;
using Portico.Model.Snapshot;
using Portico.Routing.DataPlane;
using Portico.Translation;

namespace Portico.ControlPlane.Loop;

/// <summary>
/// The pipeline of ARCHITECTURE.md, running:
/// <code>
///  provider ──(1) latest update wins──▶ holdoff ──(2) first of a burst at once; then quiet HoldOff, at most MaxDelay──▶ translate ──(3)──▶
///  data plane apply ──(4) bind failures──▶ status (lastTransitionTime stamped) ──(5)──▶ store
/// </code>
/// A failing translation or apply never takes down the last good configuration: the data plane keeps serving it.
/// Each pass is counted in <paramref name="metrics"/> when given (see <see cref="ControlPlaneMetrics"/>).
/// </summary>
public sealed partial class ControlLoop(IResourceProvider provider, IDataPlane dataPlane, StatusStore store, TranslatorOptions translator,
    ControlLoopOptions options, TimeProvider clock, ILogger<ControlLoop> logger, ControlPlaneMetrics? metrics = null)
{
    // The last translation's memo: routes unchanged since then are not translated again. Any memo gives the same
    // result as none (see Translator.TranslateIncrementally), so a concurrent one-shot ApplyAsync cannot spoil it.
    private TranslationMemo? _memo;

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        options.Validate();
        var updates = Channel.CreateBounded<ProviderUpdate>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        var pump = PumpAsync(updates.Writer, cancellationToken);
        try
        {
            await ApplyLoopAsync(updates.Reader, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await pump.ConfigureAwait(false);
        }
    }

    // :: Step 1 — the provider's updates; only the latest matters (level-triggered).
    private async Task PumpAsync(ChannelWriter<ProviderUpdate> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in provider.WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(update, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private async Task ApplyLoopAsync(ChannelReader<ProviderUpdate> reader, CancellationToken cancellationToken)
    {
        long? previousArrival = null;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                reader.TryRead(out var update);

                // :: Step 2 — coalesce a burst. An update that starts one (none came in the MaxDelay before it; the very
                // first configuration too) is applied at once; the rest of the burst waits for HoldOff of quiet, at
                // most MaxDelay, as before. A lone edit is thus not delayed by the hold-off.
                var arrival = clock.GetTimestamp();
                var received = Stopwatch.GetTimestamp();
                var startsBurst = previousArrival is not { } previous || Elapsed(previous, arrival) >= options.MaxDelay;
                previousArrival = arrival;
                if (!startsBurst)
                {
                    var deadline = arrival + (long)(options.MaxDelay.TotalSeconds * clock.TimestampFrequency);
                    while (true)
                    {
                        var left = Elapsed(clock.GetTimestamp(), deadline);
                        var wait = left < options.HoldOff ? left : options.HoldOff;
                        if (wait <= TimeSpan.Zero)
                        {
                            break;
                        }

                        using var timer = new CancellationTokenSource(wait, clock);
                        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
                        try
                        {
                            if (!await reader.WaitToReadAsync(quiet.Token).ConfigureAwait(false))
                            {
                                break;
                            }

                            reader.TryRead(out var newer);
                            update = newer ?? update;
                            previousArrival = clock.GetTimestamp();
                        }
                        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                        {
                            break; // quiet for HoldOff: apply.
                        }
                    }
                }

                var held = Stopwatch.GetElapsedTime(received);
                if (await ApplyAsync(update!, cancellationToken).ConfigureAwait(false))
                {
                    metrics?.Updated(Stopwatch.GetElapsedTime(received));
                }

                if (logger.IsEnabled(LogLevel.Debug))
                {
                    LogApplyTimes(logger, held.TotalMilliseconds, Stopwatch.GetElapsedTime(received).TotalMilliseconds - held.TotalMilliseconds);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private TimeSpan Elapsed(long from, long to) => TimeSpan.FromSeconds((double)(to - from) / clock.TimestampFrequency);

    /// <summary>
    /// Translates and applies one snapshot (steps 3-5). Public for tests and for a one-shot apply. False when the
    /// translation failed and the last good configuration stays in force.
    /// </summary>
    public async Task<bool> ApplyAsync(ProviderUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        foreach (var p in update.Problems)
        {
            LogProviderProblem(logger, p);
        }

        TranslationResult result;
        var started = Stopwatch.GetTimestamp();
        try
        {
            // :: Step 3
            result = Translator.TranslateIncrementally(update.Snapshot, translator, Volatile.Read(ref _memo));
            Volatile.Write(ref _memo, result.Memo);
        }
#pragma warning disable CA1031 // A translator bug must not stop the gateway: keep serving the last good table.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Volatile.Write(ref _memo, null);
            LogTranslateFailed(logger, e);
            metrics?.Failed();
            store.ReportProblems([.. update.Problems, $"internal error: translation failed: {e.Message}"]);
            return false;
        }

        var translationTime = Stopwatch.GetElapsedTime(started);
        metrics?.Translated(translationTime);
        var applying = Stopwatch.GetTimestamp();

        // :: Step 4
        DataPlaneApplyResult applied;
        try
        {
            applied = await dataPlane.ApplyAsync(result.Table, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            metrics?.Failed();
            throw;
        }

        var applyTime = Stopwatch.GetElapsedTime(applying);
        foreach (var (listener, error) in applied.FailedListeners)
        {
            LogBindFailed(logger, listener, error);
        }

        // :: Step 5
        var now = clock.GetUtcNow();
        var status = TransitionTimes.Stamp(BindFailures.Apply(result.Status, applied.FailedListeners), store.Current.Status, now);
        store.Publish(status, result.Table, update.Problems, now, translationTime, update.Snapshot);
        metrics?.Applied(update.HasErrors || applied.FailedListeners.Count > 0, status, now);
        LogApplied(logger, result.Table.Listeners.Count, status.Items.Count, translationTime.TotalMilliseconds);
        LogStepTimes(logger, translationTime.TotalMilliseconds, applyTime.TotalMilliseconds, Stopwatch.GetElapsedTime(applying).TotalMilliseconds - applyTime.TotalMilliseconds);
        return true;
    }

    [LoggerMessage(EventId = 2005, EventName = "StepTimes", Level = LogLevel.Debug, Message = "Update steps: translate {TranslateMs:F1} ms, data plane (compile, swap, sockets) {ApplyMs:F1} ms, status {StatusMs:F1} ms")]
    private static partial void LogStepTimes(ILogger logger, double translateMs, double applyMs, double statusMs);

    [LoggerMessage(EventId = 2006, EventName = "UpdateTimes", Level = LogLevel.Debug, Message = "Update received: held {HeldMs:F1} ms (burst hold-off), applied in {ApplyMs:F1} ms")]
    private static partial void LogApplyTimes(ILogger logger, double heldMs, double applyMs);

    [LoggerMessage(EventId = 2001, EventName = "ProviderProblem", Level = LogLevel.Warning, Message = "Configuration problem: {Problem}")]
    private static partial void LogProviderProblem(ILogger logger, string problem);

    [LoggerMessage(EventId = 2002, EventName = "TranslateFailed", Level = LogLevel.Error, Message = "Translation failed; the last good configuration stays in force")]
    private static partial void LogTranslateFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2003, EventName = "BindFailed", Level = LogLevel.Warning, Message = "Listener {Listener} is not serving: {Error}")]
    private static partial void LogBindFailed(ILogger logger, string listener, string error);

    [LoggerMessage(EventId = 2004, EventName = "ConfigurationApplied", Level = LogLevel.Information, Message = "Configuration applied: {Listeners} listeners, {Objects} objects with status, translated in {Milliseconds:F1} ms")]
    private static partial void LogApplied(ILogger logger, int listeners, int objects, double milliseconds);
}
