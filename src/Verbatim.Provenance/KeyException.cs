namespace Verbatim.Provenance;

/// <summary>A key file that cannot be used: unreadable, not PEM, encrypted, or not an ECDSA P-256 key. The message is one line.</summary>
public sealed class KeyException : Exception
{
    public KeyException()
    {
    }

    public KeyException(string message)
        : base(message)
    {
    }

    public KeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
