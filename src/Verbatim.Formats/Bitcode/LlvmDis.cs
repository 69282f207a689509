using System.Diagnostics;
using Verbatim.Core.IO;

namespace Verbatim.Formats.Bitcode;

/// <summary>
/// Debian's <c>llvm-dis</c> (package llvm, or llvm-N): found where Debian installs it, never installed by us. The
/// bitcode goes in on its standard input and the IR text comes out on its standard output: nothing on disk.
/// </summary>
internal static class LlvmDis
{
    /// <summary>IR text longer than this is not read.</summary>
    public const int MaxOutputChars = 128 << 20;

    private static readonly Lazy<string?> Found = new(Find);

    public static string? Path => Found.Value;

    private static string? Find()
    {
        if (File.Exists("/usr/bin/llvm-dis"))
        {
            return "/usr/bin/llvm-dis";
        }

        var versioned = System.IO.Directory.Exists("/usr/bin") ? System.IO.Directory.GetFiles("/usr/bin", "llvm-dis-*") : [];
        var llvmDirs = System.IO.Directory.Exists("/usr/lib") ? System.IO.Directory.GetDirectories("/usr/lib", "llvm-*") : [];
        return versioned.Concat(llvmDirs.Select(d => System.IO.Path.Combine(d, "bin", "llvm-dis")).Where(File.Exists))
            .OrderByDescending(p => p, StringComparer.Ordinal).FirstOrDefault();
    }

    public static async Task<string> DisassembleAsync(string tool, IContent bitcode, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-o");
        info.ArgumentList.Add("-");
        using var process = Process.Start(info) ?? throw new IOException($"{tool} could not be started");
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await using (var input = bitcode.Open())
            {
                await input.CopyToAsync(process.StandardInput.BaseStream, cancellationToken).ConfigureAwait(false);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            var text = await output.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                var why = (await errors.ConfigureAwait(false)).Trim().Split('\n')[0];
                throw new MalformedInputException($"llvm-dis could not read it ({why})");
            }

            if (text.Length > MaxOutputChars)
            {
                throw new LimitExceededException($"its IR text is more than {MaxOutputChars >> 20} M characters");
            }

            return text;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }
}
