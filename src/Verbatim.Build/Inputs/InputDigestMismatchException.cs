namespace Verbatim.Build.Inputs;

/// <summary>The fail-safe stop: an input's content does not hash to the digest the recipe pins.</summary>
public sealed class InputDigestMismatchException(string input, string source, string expected, string actual)
    : BuildException($"input '{input}' ({source}) does not match its pinned digest: expected sha256:{expected}, got sha256:{actual}; no step was run")
{
    public string Input { get; } = input;

    public string Expected { get; } = expected;

    public string Actual { get; } = actual;
}
