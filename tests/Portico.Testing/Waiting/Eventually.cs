using System.Diagnostics;

namespace Portico.Testing;

/// <summary>
/// Retries until something holds. Gateway config applies asynchronously (a file watcher, a snapshot swap), so an
/// e2e test asserts "eventually routes to v2" rather than sleeping a guessed amount.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Runs <paramref name="assertion"/> until it completes without throwing; on timeout rethrows its last exception.</summary>
    public static async Task SucceedsAsync(Func<Task> assertion, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        await ReturnsAsync(
            async () =>
            {
                await assertion().ConfigureAwait(false);
                return true;
            },
            _ => true,
            timeout,
            interval).ConfigureAwait(false);
    }

    /// <summary>
    /// Calls <paramref name="attempt"/> until its result satisfies <paramref name="accept"/> and returns that result.
    /// Exceptions from <paramref name="attempt"/> count as "not yet"; on timeout the last one is rethrown, or
    /// a <see cref="TimeoutException"/> naming the last rejected result.
    /// </summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> attempt, Func<T, bool> accept, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(accept);
        var watch = Stopwatch.StartNew();
        var limit = timeout ?? DefaultTimeout;
        while (true)
        {
            Exception? failure = null;
            var rejected = default(T);
            try
            {
                var result = await attempt().ConfigureAwait(false);
                if (accept(result))
                {
                    return result;
                }

                rejected = result;
            }
            catch (Exception ex)
            {
                failure = ex;
            }

            if (watch.Elapsed > limit)
            {
                if (failure is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                }

                throw new TimeoutException($"Condition not met within {limit.TotalSeconds:0.#} s; last result: {rejected}.");
            }

            await Task.Delay(interval ?? DefaultInterval).ConfigureAwait(false);
        }
    }
}
