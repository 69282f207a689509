namespace Verbatim.Normalize.Engine;

/// <summary>Raised when an input is readable but uses a feature normalization does not handle safely (it is left untouched).</summary>
public sealed class UnsupportedInputException(string message) : Exception(message);
