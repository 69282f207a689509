namespace Verbatim.Build;

/// <summary>A build that stopped: the message says which input, step or output, and why, on one line.</summary>
public class BuildException : Exception
{
    public BuildException(string message)
        : base(message)
    {
    }

    public BuildException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
