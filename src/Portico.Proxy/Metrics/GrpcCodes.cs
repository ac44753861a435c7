using Portico.Proxy.Forwarding;

namespace Portico.Proxy.Metrics;

/// <summary>Status codes as label indexes: 0-16 as defined, anything else counts as Unknown (2), as grpc-go maps it.</summary>
internal static class GrpcCodes
{
    public const int Count = 17;

    public const int Ok = 0;

    public const int Unknown = 2;

    public static int Index(int code) => (uint)code < Count ? code : Unknown;

    public static string Name(int code) => GrpcCodeNames.Of(Index(code));
}
