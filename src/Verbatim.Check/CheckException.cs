namespace Verbatim.Check;

/// <summary>A check that could not start: the recipe's inputs or environment could not be prepared (one line).</summary>
public sealed class CheckException(string message, Exception? inner = null) : Exception(message, inner);
