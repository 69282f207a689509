namespace Verbatim.Common.Json;

/// <summary>How <see cref="CanonicalJson"/> lays its output out.</summary>
public enum CanonicalJsonStyle
{
    /// <summary>No insignificant whitespace; every member kept (the form that is signed).</summary>
    Compact,

    /// <summary>Two-space indent, LF line ends, a final newline; null members dropped (reports and records).</summary>
    Indented,
}
