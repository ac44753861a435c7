namespace Portico.Cli.Admin;

/// <summary>The admin API could not answer (unreachable, timed out, an error status, or a document we cannot read).</summary>
internal sealed class AdminApiException : Exception
{
    public AdminApiException()
    {
    }

    public AdminApiException(string message)
        : base(message)
    {
    }

    public AdminApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
