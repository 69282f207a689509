using System.CommandLine;
using Verbatim.Common.IO;
using Verbatim.Provenance;

namespace Verbatim.Cli.Commands;

/// <summary><c>verbatim key generate [--out PREFIX]</c>: make an ECDSA P-256 key pair for signing provenance.</summary>
public static class KeyCommand
{
    public static Command Create(CliContext cli)
    {
        var output = new Option<string>("--out")
        {
            Description = "Write PREFIX.key (private, PKCS#8 PEM, mode 0600) and PREFIX.pub (public, PEM).",
            HelpName = "PREFIX",
            DefaultValueFactory = _ => "verbatim",
        };
        var force = new Option<bool>("--force") { Description = "Replace existing key files." };
        var generate = new Command("generate", "Generate an ECDSA P-256 key pair for signing provenance. Exit 0 written, 2 cannot write.")
        {
            output, force,
        };
        generate.SetAction(parse => Generate(parse.GetValue(output)!, parse.GetValue(force), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));

        return new Command("key", "Manage the keys that sign provenance.") { generate };
    }

    private static int Generate(string prefix, bool force, TextWriter stdout, TextWriter stderr)
    {
        var privatePath = prefix + ".key";
        var publicPath = prefix + ".pub";
        foreach (var path in new[] { privatePath, publicPath })
        {
            if (!force && (File.Exists(path) || Directory.Exists(path)))
            {
                stderr.WriteLine($"verbatim key generate: {path} exists; pass --force to replace it");
                return ExitCodes.UsageOrInput;
            }
        }

        using var key = SigningKey.Generate();
        try
        {
            WritePair(key, privatePath, publicPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(privatePath);
            stderr.WriteLine($"verbatim key generate: cannot write the key: {e.Message}");
            return ExitCodes.UsageOrInput;
        }

        stdout.WriteLine($"wrote {privatePath} (private key: keep it secret) and {publicPath} (public key: give it to verifiers)");
        stdout.WriteLine($"key id: {key.KeyId}");
        return ExitCodes.Ok;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the error that got us here is reported.
        }
    }

    /// <summary>
    /// Writes the private key (created afresh with mode 0600, so it is never readable by others, not even for a moment)
    /// and then the public key (through a temporary file renamed into place; readable by all under the usual umask).
    /// </summary>
    internal static void WritePair(SigningKey key, string privatePath, string publicPath)
    {
        File.Delete(privatePath);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(privatePath, options))
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(key.ExportPrivatePem()));
            stream.Flush(flushToDisk: true);
        }

        AtomicWrite.Bytes(publicPath, System.Text.Encoding.ASCII.GetBytes(key.ExportPublicPem()));
    }
}
