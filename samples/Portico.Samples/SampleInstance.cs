using Google.Protobuf.Collections;
using Grpc.Core;

namespace Portico.Samples;

/// <summary>
/// What every sample service of one <see cref="SampleServer"/> shares: the instance's name, put in every reply's
/// <c>server_version</c>, and a count of the calls it answered.
/// </summary>
internal sealed class SampleInstance(string name)
{
    private long _calls;

    public string Name { get; } = name;

    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Counts the call and copies its request headers into a reply's <c>metadata</c> map.</summary>
    public string Answer(ServerCallContext context, MapField<string, string> metadata)
    {
        Interlocked.Increment(ref _calls);
        foreach (var entry in context.RequestHeaders)
        {
            // Binary (-bin) values cannot be read as text; base64 keeps them visible.
            var value = entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value;
            metadata[entry.Key] = metadata.TryGetValue(entry.Key, out var earlier) ? earlier + "," + value : value;
        }

        return Name;
    }
}
