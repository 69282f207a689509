using Verbatim.Core.IO;
using Verbatim.Common.IO;
using Verbatim.Normalize.IO;

namespace Verbatim.Normalize.Engine;

/// <summary>
/// Normalizes whole files: picks the handler, runs it into a temporary file beside the target (or, in check mode,
/// into nothing but a comparison with the original), and replaces the target atomically only when the bytes
/// changed. A file that cannot be normalized is left untouched and reported with the reason.
/// </summary>
public sealed class FileNormalizer(NormalizerRegistry registry, NormalizeOptions options)
{
    /// <summary>
    /// Normalizes <paramref name="path"/>. With <paramref name="check"/> nothing is written; otherwise the result goes
    /// to <paramref name="outputPath"/> (null: the file itself, rewritten in place).
    /// </summary>
    public FileOutcome Run(string path, string? outputPath, bool check, CancellationToken cancellationToken = default)
    {
        FileContent content;
        try
        {
            if (System.IO.Directory.Exists(path))
            {
                return Failed(path, null, "is a directory");
            }

            if (Core.Native.FileStatus.SpecialFileProblem(path) is { } special) return Failed(path, null, special);

            content = FileContent.Of(path);
            using (content.Open())
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(path, null, e is FileNotFoundException ? "no such file" : e.Message);
        }

        var handler = registry.Detect(content, Path.GetFileName(path));
        if (handler is null)
        {
            return Failed(path, null, "unsupported: not a format verbatim normalize handles");
        }

        var target = Path.GetFullPath(outputPath ?? path);
        var inPlace = target == Path.GetFullPath(path);
        if (new FileInfo(target).LinkTarget is not null && new FileInfo(target).ResolveLinkTarget(returnFinalTarget: true) is { } linked)
        {
            target = linked.FullName; // rewrite the file a symbolic link points to, not the link
        }

        using var temp = TempArea.Create();
        var spool = new SpoolBudget(temp, options.MemoryBudgetBytes, options.MaxMemberBytes, options.ExpansionLimit(content.Length));
        var context = new NormalizeContext(registry, options, spool, 0, cancellationToken);
        AtomicFile? file = null;
        try
        {
            file = check ? null : AtomicFile.Create(target);
            bool differs;
            IReadOnlyList<Change> changes;
            using (var original = content.Open())
            {
                var comparing = new ComparingStream(original, file?.Stream);
                changes = handler.Normalize(content, comparing, context);
                differs = comparing.Differs;
            }

            if (differs && changes.Count == 0 && !options.Selected.Contains(Normalizations.CanonicalEncoding.Id))
            {
                // Only the canonical writer's own layout differs, and that normalization is not selected: keep the original.
                differs = false;
                if (file is not null)
                {
                    file.Abandon();
                    file = inPlace ? null : CopyOf(content, target);
                }
            }

            if (!differs)
            {
                if (file is not null && !inPlace)
                {
                    file.Commit(path);
                    file = null;
                }

                return new FileOutcome(path, handler.Name, NormalizeStatus.Unchanged, []);
            }

            if (changes.Count == 0)
            {
                changes = [new Change(Normalizations.CanonicalEncoding, "", "encoding", null, "re-encoded with fixed settings")];
            }

            if (file is null)
            {
                return new FileOutcome(path, handler.Name, NormalizeStatus.WouldChange, changes);
            }

            file.Commit(path);
            file = null;
            return new FileOutcome(path, handler.Name, NormalizeStatus.Changed, changes);
        }
        catch (Exception e) when (e is MalformedInputException or UnsupportedInputException or LimitExceededException or InvalidDataException or EndOfStreamException)
        {
            return Failed(path, handler.Name, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(path, handler.Name, "cannot read the input or write the output: " + e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed(path, handler.Name, $"cannot be normalized safely ({e.GetType().Name}: {e.Message})");
        }
        finally
        {
            file?.Abandon();
        }
    }

    private static AtomicFile CopyOf(FileContent content, string target)
    {
        var copy = AtomicFile.Create(target);
        using var source = content.Open();
        source.CopyTo(copy.Stream);
        return copy;
    }

    private static FileOutcome Failed(string path, string? handler, string reason) => new(path, handler, NormalizeStatus.Failed, [], reason);
}
