namespace Verbatim.Build.Recipes;

/// <summary>One pinned input: a local path, an http(s) URL, or a git repository at a commit.</summary>
/// <param name="Name">Unique name.</param>
/// <param name="Path">A local file or directory (relative to the recipe's folder).</param>
/// <param name="Url">An http(s) URL of one file.</param>
/// <param name="Git">A git repository (URL or path) …</param>
/// <param name="Commit">… at this full commit id.</param>
/// <param name="Sha256">The expected digest (lowercase hex): a file's SHA-256, or a directory's as <c>verbatim hash</c> prints it.</param>
/// <param name="Dest">Where it lands in the workspace: a directory's contents default to the workspace root, a file to its own name.</param>
public sealed record RecipeInput(string Name, string? Path, string? Url, string? Git, string? Commit, string? Sha256, string? Dest)
{
    public string Kind => Path is not null ? "path" : Url is not null ? "url" : "git";

    /// <summary>Where the input comes from, as written in the recipe.</summary>
    public string Source => Path ?? Url ?? $"{Git}@{Commit}";
}
