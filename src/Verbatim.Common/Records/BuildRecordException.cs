namespace Verbatim.Common.Records;

/// <summary>A <c>buildinfo.json</c> that cannot be read: not JSON, another format, or a member missing or of the wrong kind. The message is one line.</summary>
public sealed class BuildRecordException : Exception
{
    public BuildRecordException()
    {
    }

    public BuildRecordException(string message)
        : base(message)
    {
    }

    public BuildRecordException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
