namespace Verbatim.Formats.Engine;

/// <summary>A top-level input that cannot be compared at all (missing, unreadable): a usage error, exit code 2.</summary>
public sealed class InputException(string path, string problem) : Exception($"{path}: {problem}")
{
    public string InputPath { get; } = path;
}
