namespace Portico.Cli.Demo;

/// <summary>The demo could not start; the message says what to do, and the command prints it without a stack trace.</summary>
internal sealed class DemoStartException : Exception
{
    public DemoStartException()
    {
    }

    public DemoStartException(string message)
        : base(message)
    {
    }

    public DemoStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
