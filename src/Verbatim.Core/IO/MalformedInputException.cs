namespace Verbatim.Core.IO;

/// <summary>Raised by a format reader when the input is truncated, corrupt, encrypted or otherwise unreadable.</summary>
public sealed class MalformedInputException(string message, Exception? inner = null) : Exception(message, inner);
