namespace Verbatim.Core.IO;

/// <summary>Raised when reading an input would pass one of the documented limits (expansion, size, depth).</summary>
public sealed class LimitExceededException(string message) : Exception(message);
