using Verbatim.Core.IO;
using Verbatim.Core.Native;

namespace Verbatim.Formats.Engine;

/// <summary>
/// A path given on the command line, resolved to what it holds: a directory tree, or the bytes of a file. Links are
/// followed; a file is judged by what it holds, not by what stat says of it (a /proc file says 0 bytes); a pipe
/// (<c>&lt;(command)</c>, <c>/dev/stdin</c>) is read once into a spool; named pipes, sockets and devices are refused,
/// since opening or reading them can block for ever.
/// </summary>
internal sealed class TopLevelInput
{
    private TopLevelInput(string path, byte[] raw, IContent? content)
    {
        Path = path;
        Raw = raw;
        Content = content;
    }

    public string Path { get; }

    /// <summary>The path's bytes, as the kernel knows it (not necessarily UTF-8).</summary>
    public byte[] Raw { get; }

    /// <summary>The file's bytes; null for a directory.</summary>
    public IContent? Content { get; }

    public bool IsDirectory => Content is null;

    public static TopLevelInput Resolve(string path, SpoolBudget pipes, CancellationToken cancellationToken)
    {
        var raw = RawPath.Of(path);
        if (!Posix.IsAvailable)
        {
            return ResolveManaged(path, raw);
        }

        FileStatus status;
        try
        {
            status = FileStatus.Of(raw, follow: true)!.Value;
        }
        catch (IOException e)
        {
            throw new InputException(path, Reasons.ForIo(e));
        }

        switch (status.Type)
        {
            case FileStatus.Directory:
                try
                {
                    _ = Posix.ReadDirectory(raw);
                }
                catch (IOException e)
                {
                    throw new InputException(path, Reasons.ForIo(e));
                }

                return new TopLevelInput(path, raw, null);
            case FileStatus.Regular:
                return new TopLevelInput(path, raw, ReadRegular(path, raw, pipes, cancellationToken));
            case FileStatus.Fifo when IsAnonymousPipe(raw):
                return new TopLevelInput(path, raw, ReadPipe(path, raw, pipes, cancellationToken));
            default:
                throw new InputException(path, status.SpecialKind is { } kind
                    ? $"is {kind}, not a regular file or directory: verbatim diff does not read it"
                    : "is not a regular file or directory");
        }
    }

    private static IContent ReadRegular(string path, byte[] raw, SpoolBudget pipes, CancellationToken cancellationToken)
    {
        try
        {
            using var handle = Posix.Open(raw);
            var size = FileStatus.Of(handle)!.Value.Size;
            if (size > 0)
            {
                return new FileContent(path, size, raw);
            }

            // stat says nothing (a /proc or /sys file, a file still being written): read what it holds.
            using var stream = new FileStream(handle, FileAccess.Read, 1);
            return Spool.From(stream, pipes, null, cancellationToken);
        }
        catch (IOException e)
        {
            throw new InputException(path, Reasons.ForIo(e));
        }
        catch (LimitExceededException e)
        {
            throw new InputException(path, e.Message);
        }
    }

    private static IContent ReadPipe(string path, byte[] raw, SpoolBudget pipes, CancellationToken cancellationToken)
    {
        try
        {
            using var handle = Posix.Open(raw);
            using var stream = new PipeReadStream(handle, cancellationToken);
            return Spool.From(stream, pipes, null, cancellationToken);
        }
        catch (IOException e)
        {
            throw new InputException(path, "cannot read the pipe: " + Reasons.ForIo(e));
        }
        catch (LimitExceededException e)
        {
            throw new InputException(path, e.Message);
        }
    }

    /// <summary>Whether the path leads, through links, to an open pipe of this process (<c>/dev/fd/63</c> → <c>pipe:[…]</c>).</summary>
    private static bool IsAnonymousPipe(byte[] path)
    {
        var current = path;
        for (var hops = 0; hops < 40; hops++)
        {
            try
            {
                if (FileStatus.Of(current, follow: false)?.Type != FileStatus.Symlink)
                {
                    return false;
                }

                var target = Posix.ReadLink(current);
                if (target.AsSpan().StartsWith("pipe:["u8))
                {
                    return true;
                }

                if (target.Length > 0 && target[0] == (byte)'/')
                {
                    current = target;
                }
                else
                {
                    var slash = current.AsSpan().LastIndexOf((byte)'/');
                    current = slash < 0 ? target : RawPath.Join(current[..slash], target);
                }
            }
            catch (IOException)
            {
                return false;
            }
        }

        return false;
    }

    private static TopLevelInput ResolveManaged(string path, byte[] raw)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Attributes.HasFlag(FileAttributes.Directory))
            {
                return System.IO.Directory.Exists(path) ? new TopLevelInput(path, raw, null) : throw new InputException(path, "no such file or directory");
            }

            if (!info.Exists)
            {
                throw new InputException(path, "no such file or directory");
            }

            using (info.OpenRead())
            {
            }

            return new TopLevelInput(path, raw, FileContent.Of(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, Reasons.ForIo(e));
        }
    }

    /// <summary>The path for reports: as given, or with the bytes that are not UTF-8 shown as <c>\xNN</c>.</summary>
    public string DisplayPath => RawPath.IsUtf8(Raw) ? Path : RawPath.Display(Raw);
}
