using Portico.Bench.Protos;

namespace Portico.Bench.Loader;

/// <summary>Prints the backend's counters (<c>unary streams messages</c>), read straight from the backend.</summary>
internal static class BackendStats
{
    public static async Task<int> RunAsync(Args args)
    {
        using var channel = Channels.Create(args.Required("target"), null);
        var reply = await new Protos.Bench.BenchClient(channel).StatsAsync(new StatsRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        Console.WriteLine($"{reply.UnaryCalls} {reply.StreamCalls} {reply.StreamMessages}");
        return 0;
    }
}
