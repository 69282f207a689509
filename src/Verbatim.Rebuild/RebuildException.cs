namespace Verbatim.Rebuild;

/// <summary>A rebuild could not start: a bad spec, a missing package, an unreachable source, a tampered input. The message is one line naming what and why.</summary>
public sealed class RebuildException : Exception
{
    public RebuildException()
    {
    }

    public RebuildException(string message)
        : base(message)
    {
    }

    public RebuildException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
