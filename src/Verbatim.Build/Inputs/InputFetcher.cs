using System.Globalization;
using Verbatim.Build.Cache;
using Verbatim.Build.Hashing;
using Verbatim.Build.Processes;
using Verbatim.Build.Recipes;
using Verbatim.Common.Digests;
using Verbatim.Common.IO;

namespace Verbatim.Build.Inputs;

/// <summary>
/// Fetches inputs outside any sandbox into the cache and checks each against its pinned digest before a step can run:
/// local paths are hashed every time, URLs and git commits come from the cache when present (hashed again on use).
/// </summary>
public sealed class InputFetcher(ContentStore store, HttpClient http)
{
    public async Task<ResolvedInput> FetchAsync(RecipeInput input, string recipeDirectory, CancellationToken cancellationToken = default) =>
        input.Kind switch
        {
            "path" => await Task.Run(() => FromPath(input, Path.GetFullPath(Path.Combine(recipeDirectory, input.Path!))), cancellationToken).ConfigureAwait(false),
            "url" => await FromUrlAsync(input, cancellationToken).ConfigureAwait(false),
            _ => await FromGitAsync(input, recipeDirectory, cancellationToken).ConfigureAwait(false),
        };

    private ResolvedInput FromPath(RecipeInput input, string source)
    {
        if (!Path.Exists(source))
        {
            throw new BuildException($"input '{input.Name}': {source} does not exist");
        }

        var expected = input.Sha256!;
        var isDirectory = System.IO.Directory.Exists(source);
        var actual = TreeHasher.OfPath(source).Hex;
        if (actual != expected)
        {
            throw new InputDigestMismatchException(input.Name, input.Source, expected, actual);
        }

        var cached = isDirectory ? store.VerifiedTree(expected) : store.VerifiedBlob(expected);
        if (cached is null)
        {
            var staging = store.NewStaging();
            try
            {
                var copy = Path.Combine(staging, "entry");
                if (isDirectory)
                {
                    TreeCopy.CopyContents(source, copy);
                }
                else
                {
                    TreeCopy.CopyFile(source, copy);
                }

                cached = Adopt(input, copy, expected);
            }
            finally
            {
                TreeCopy.Delete(staging);
            }
        }

        return new ResolvedInput(input, expected, cached, isDirectory, null);
    }

    private async Task<ResolvedInput> FromUrlAsync(RecipeInput input, CancellationToken cancellationToken)
    {
        var expected = input.Sha256!;
        var cached = store.VerifiedBlob(expected);
        if (cached is null)
        {
            var staging = store.NewStaging();
            var file = Path.Combine(staging, "download");
            try
            {
                using var response = await http.GetAsync(input.Url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw new BuildException($"input '{input.Name}': GET {input.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
                }

                await using (var target = File.Create(file))
                {
                    await response.Content.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
                }

                cached = Adopt(input, file, expected);
            }
            catch (HttpRequestException e)
            {
                throw new BuildException($"input '{input.Name}': cannot fetch {input.Url}: {e.Message}", e);
            }
            finally
            {
                TreeCopy.Delete(staging);
            }
        }

        return new ResolvedInput(input, expected, cached, false, null);
    }

    private async Task<ResolvedInput> FromGitAsync(RecipeInput input, string recipeDirectory, CancellationToken cancellationToken)
    {
        var commit = input.Commit!;
        var record = store.GitRecordPath(commit);
        if (File.Exists(record))
        {
            var fields = (await File.ReadAllTextAsync(record, cancellationToken).ConfigureAwait(false)).Split(' ', StringSplitOptions.TrimEntries);
            if (fields.Length == 2 && store.VerifiedTree(fields[0]) is { } tree && (input.Sha256 is null || input.Sha256 == fields[0]))
            {
                return new ResolvedInput(input, fields[0], tree, true, long.Parse(fields[1], CultureInfo.InvariantCulture));
            }
        }

        var repository = input.Git!.Contains("://", StringComparison.Ordinal) ? input.Git : Path.GetFullPath(Path.Combine(recipeDirectory, input.Git));
        var staging = store.NewStaging();
        try
        {
            var env = new Dictionary<string, string> { ["GIT_TERMINAL_PROMPT"] = "0", ["GIT_CONFIG_NOSYSTEM"] = "1" };
            var clone = Path.Combine(staging, "repo");
            await ProcessRunner.CheckedAsync("git", ["clone", "--quiet", "--no-checkout", repository, clone], staging, env, cancellationToken).ConfigureAwait(false);
            var check = await ProcessRunner.RunAsync("git", ["-C", clone, "cat-file", "-e", commit + "^{commit}"], staging, env, null, cancellationToken).ConfigureAwait(false);
            if (check.ExitCode != 0)
            {
                throw new BuildException($"input '{input.Name}': commit {commit} is not in {input.Git}");
            }

            var time = long.Parse((await ProcessRunner.CheckedAsync("git", ["-C", clone, "show", "-s", "--format=%ct", commit], staging, env, cancellationToken).ConfigureAwait(false)).Trim(), CultureInfo.InvariantCulture);
            var archive = Path.Combine(staging, "tree.tar");
            await ProcessRunner.CheckedAsync("git", ["-C", clone, "-c", "tar.umask=022", "archive", "--format=tar", "-o", archive, commit], staging, env, cancellationToken).ConfigureAwait(false);
            var tree = Path.Combine(staging, "tree");
            System.IO.Directory.CreateDirectory(tree);
            await ProcessRunner.CheckedAsync("tar", ["-x", "-p", "--no-same-owner", "-f", archive, "-C", tree], staging, null, cancellationToken).ConfigureAwait(false);
            var actual = TreeHasher.Hash(tree).Hex;
            if (input.Sha256 is { } expected && expected != actual)
            {
                throw new InputDigestMismatchException(input.Name, input.Source, expected, actual);
            }

            var cached = store.Adopt(tree, actual);
            // Replaced atomically, so a build running at the same time never reads half of it.
            AtomicWrite.Text(record, $"{actual} {time.ToString(CultureInfo.InvariantCulture)}");
            return new ResolvedInput(input, actual, cached, true, time);
        }
        finally
        {
            TreeCopy.Delete(staging);
        }
    }

    /// <summary>Hashes the staged copy itself (what will be used), refuses a mismatch, and moves it into the cache.</summary>
    private string Adopt(RecipeInput input, string staged, string expected)
    {
        var actual = TreeHasher.OfPath(staged).Hex;
        if (actual != expected)
        {
            throw new InputDigestMismatchException(input.Name, input.Source, expected, actual);
        }

        return store.Adopt(staged, expected);
    }
}
