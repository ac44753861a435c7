using Microsoft.AspNetCore.Http.Features;

namespace Portico.Proxy.Forwarding;

/// <summary>
/// Stands in for the request's <see cref="IHttpResetFeature"/> while YARP forwards a gRPC call under a gateway
/// deadline. When the deadline (the token YARP was given) cuts the call after the response headers went out, YARP
/// resets the client's stream; a reset is then held back here, so that the handler can end the response with
/// <c>grpc-status: 4</c> trailers instead (see <see cref="Replies.EndWithTrailers"/>). Any other reset passes through.
/// </summary>
internal sealed class DeadlineResetFeature(IHttpResetFeature inner, CancellationToken deadline) : IHttpResetFeature
{
    public IHttpResetFeature Inner => inner;

    /// <summary>The error code of the reset held back, if any.</summary>
    public int? HeldBack { get; private set; }

    public void Reset(int errorCode)
    {
        if (deadline.IsCancellationRequested && HeldBack is null)
        {
            HeldBack = errorCode;
            return;
        }

        inner.Reset(errorCode);
    }
}
