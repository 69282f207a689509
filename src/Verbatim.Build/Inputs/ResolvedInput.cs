using Verbatim.Build.Recipes;

namespace Verbatim.Build.Inputs;

/// <summary>An input fetched into the cache and verified: where its bytes are and what they hash to.</summary>
/// <param name="CachePath">The verified file (blobs/) or tree (trees/) in the cache.</param>
/// <param name="CommitTime">For git inputs: the commit's committer time (Unix seconds).</param>
public sealed record ResolvedInput(RecipeInput Input, string Sha256, string CachePath, bool IsDirectory, long? CommitTime)
{
    /// <summary>Where it lands in the workspace, relative: a directory's contents default to the root, a file to its own name.</summary>
    public string Destination => Input.Dest ?? (IsDirectory ? "." : DefaultFileName());

    private string DefaultFileName()
    {
        var source = Input.Path ?? new Uri(Input.Url!).AbsolutePath;
        var name = System.IO.Path.GetFileName(source.TrimEnd('/'));
        return string.IsNullOrEmpty(name) ? Input.Name : Uri.UnescapeDataString(name);
    }
}
