using Verbatim.Core.IO;
using Verbatim.Core.Native;

namespace Verbatim.Formats.Engine;

/// <summary>
/// Turns exceptions into reasons written for people ("truncated", "permission denied"). The messages of our own
/// exceptions are written for people; those of the runtime (an overflow, an index out of range) are not, and never
/// reach a report.
/// </summary>
public static class Reasons
{
    /// <summary>Why an input could not be read as a format.</summary>
    public static string For(Exception e) => e switch
    {
        MalformedInputException or LimitExceededException => e.Message,
        EndOfStreamException => "truncated",
        InvalidDataException => "corrupt compressed data",
        IOException or UnauthorizedAccessException => ForIo(e),
        OverflowException or ArgumentOutOfRangeException or IndexOutOfRangeException or ArgumentException => "corrupt: a size, offset or count is out of range",
        OutOfMemoryException or InsufficientExecutionStackException => "too large or too deeply nested to analyse",
        NotSupportedException => "uses a feature that is not supported",
        FormatException => "corrupt: a field does not hold what its format requires",
        _ => "corrupt or not supported (the reader could not make sense of it)",
    };

    /// <summary>Why a file could not be opened or read.</summary>
    public static string ForIo(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file or directory",
        PermissionDeniedException or UnauthorizedAccessException => "permission denied",
        EndOfStreamException => "truncated",
        IOException when !string.IsNullOrWhiteSpace(e.Message) && !e.Message.Contains('\'', StringComparison.Ordinal) => e.Message.TrimEnd('.'),
        _ => "cannot be read",
    };
}
