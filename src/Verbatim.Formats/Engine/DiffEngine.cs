using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Binary;
using Verbatim.Formats.Directory;
using Verbatim.Formats.Text;

namespace Verbatim.Formats.Engine;

/// <summary>
/// Compares two files or directories and builds the difference tree. It recognises identical inputs by size and
/// bytes before any analysis, picks the format from the registry, bounds depth, expansion and time per member,
/// and falls back to comparing bytes (with a comment saying why) whenever a format cannot read an input.
/// </summary>
public sealed class DiffEngine(FormatRegistry registry, DiffOptions options)
{
    public FormatRegistry Registry { get; } = registry;

    public DiffOptions Options { get; } = options;

    public async Task<DiffResult> CompareAsync(string path1, string path2, CancellationToken cancellationToken = default)
    {
        var kind1 = Classify(path1);
        var kind2 = Classify(path2);
        using var temp = TempArea.Create();
        var spool = new SpoolBudget(temp, Options.MemoryBudgetBytes, Options.MaxMemberBytes, Options.MaxExpansionBytes);
        var context = new ComparisonContext(this, Options, spool, new ReportBudget(Options.MaxReportBytes), 0, cancellationToken);
        Difference? root;
        if (kind1 == FileKind.Directory && kind2 == FileKind.Directory)
        {
            root = await DirectoryComparer.CompareAsync(path1, path2, context).ConfigureAwait(false);
        }
        else if (kind1 == FileKind.File && kind2 == FileKind.File)
        {
            root = await CompareAsync(new Input(path1, FileContent.Of(path1)), new Input(path2, FileContent.Of(path2)), context).ConfigureAwait(false);
        }
        else
        {
            root = new Difference
            {
                Path1 = path1,
                Path2 = path2,
                Kind = DifferenceKind.Node,
                Children = [Difference.ForField(path1, path2, "file type", kind1.ToString().ToLowerInvariant(), kind2.ToString().ToLowerInvariant())],
            };
        }

        return new DiffResult(path1, path2, root);
    }

    private enum FileKind
    {
        File,
        Directory,
    }

    private static FileKind Classify(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Attributes.HasFlag(FileAttributes.Directory))
            {
                return System.IO.Directory.Exists(path) ? FileKind.Directory : throw new InputException(path, "no such file or directory");
            }

            if (!info.Exists)
            {
                throw new InputException(path, "no such file or directory");
            }

            using (info.OpenRead())
            {
            }

            return FileKind.File;
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputException(path, "permission denied");
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new InputException(path, e.Message);
        }
        catch (FileNotFoundException)
        {
            throw new InputException(path, "no such file or directory");
        }
    }

    /// <summary>Compares two inputs at the depth of <paramref name="context"/>; null when they are identical.</summary>
    internal async Task<Difference?> CompareAsync(Input left, Input right, ComparisonContext context)
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        if (ContentEquality.AreEqual(left.Content, right.Content, context.CancellationToken))
        {
            return null;
        }

        var comments = new List<string>();
        var children = new List<Difference>();
        IReadOnlyList<Cause> causes = [];
        string? formatName = null;
        if (context.Depth > Options.MaxDepth)
        {
            comments.Add($"not opened: deeper than --max-depth {Options.MaxDepth}; compared as bytes");
        }
        else
        {
            var formatLeft = Detect(left, comments);
            var formatRight = Detect(right, comments);
            if (formatLeft is not null && formatLeft == formatRight)
            {
                formatName = formatLeft.Name;
                var found = await CompareAsAsync(formatLeft, left, right, context, comments).ConfigureAwait(false);
                if (found is [{ Kind: DifferenceKind.Node } self] && self.Path1 == left.Path && self.Path2 == right.Path)
                {
                    // A format gives causes to the inputs as a whole by returning a node for them: merge it into this one.
                    causes = self.Causes;
                    comments.AddRange(self.Comments);
                    found = self.Children;
                }

                children.AddRange(found);
            }
            else if (formatLeft != formatRight)
            {
                children.Add(Difference.ForField(left.Path, right.Path, "format", formatLeft?.Name ?? "data", formatRight?.Name ?? "data"));
            }

            if (formatName is not null && children.Count == 0 && comments.Count == 0)
            {
                comments.Add($"no differences found as {formatName}; compared as bytes");
            }
        }

        if (children.All(c => c.Kind == DifferenceKind.Field && c.Field == "format"))
        {
            children.Add(Fallback(left, right, context));
        }

        return new Difference
        {
            Path1 = left.Path,
            Path2 = right.Path,
            Kind = DifferenceKind.Node,
            Format = formatName,
            Comments = comments,
            Causes = causes,
            Children = children,
        };
    }

    private IFormat? Detect(Input input, List<string> comments)
    {
        try
        {
            return Registry.Detect(input);
        }
        catch (Exception e) when (e is IOException or MalformedInputException or LimitExceededException)
        {
            comments.Add($"{input.Path}: unreadable ({e.Message}); compared as bytes");
            return null;
        }
    }

    private async Task<IReadOnlyList<Difference>> CompareAsAsync(IFormat format, Input left, Input right, ComparisonContext context, List<string> comments)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        timeout.CancelAfter(Options.MemberTimeout);
        var bounded = new ComparisonContext(this, Options, context.Spool, context.Report, context.Depth, timeout.Token);
        try
        {
            return await format.CompareAsync(left, right, bounded).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
        {
            comments.Add($"comparison as {format.Name} took longer than {Options.MemberTimeout.TotalSeconds:0} s (--member-timeout); compared as bytes");
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            comments.Add($"unreadable as {format.Name}: {Reason(e)}; compared as bytes");
        }

        return [];
    }

    private static string Reason(Exception e) => e switch
    {
        MalformedInputException or LimitExceededException or InvalidDataException => e.Message,
        EndOfStreamException => "truncated",
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    /// <summary>Text inputs get a line diff, anything else the differing byte ranges.</summary>
    internal static Difference Fallback(Input left, Input right, ComparisonContext context)
    {
        var text = new TextFormat();
        if (text.Recognizes(left) && text.Recognizes(right))
        {
            var found = text.CompareAsync(left, right, context).GetAwaiter().GetResult();
            if (found.Count == 1)
            {
                return found[0];
            }

            if (found.Count > 1)
            {
                return new Difference { Path1 = left.Path, Path2 = right.Path, Kind = DifferenceKind.Node, Format = "text", Children = found };
            }
        }

        return BinaryComparer.Compare(left, right, context);
    }
}
