namespace Verbatim.Core.Native;

/// <summary>A raw call refused for want of permission (EACCES).</summary>
public sealed class PermissionDeniedException(string message) : IOException(message);
