using Verbatim.Common.Digests;

namespace Verbatim.Common.Records;

/// <summary>One verified input: where it came from and what it hashed to.</summary>
/// <param name="Kind"><c>path</c>, <c>url</c> or <c>git</c>.</param>
/// <param name="Uri">The path as written in the recipe, the URL, or the git repository.</param>
/// <param name="Commit">The commit of a git input; null otherwise.</param>
/// <param name="Destination">Where it landed in the workspace, relative.</param>
public sealed record InputRecord(string Name, string Kind, string Uri, string? Commit, Sha256Digest Sha256, string Destination, bool IsDirectory);
