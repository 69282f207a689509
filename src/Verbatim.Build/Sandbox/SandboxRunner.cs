using System.Diagnostics;

namespace Verbatim.Build.Sandbox;

/// <summary>Runs one step in a fresh bubblewrap sandbox, streams its output, and kills it (with everything it started) at the time limit.</summary>
public static class SandboxRunner
{
    public const string Bwrap = "bwrap";

    public static async Task<StepOutcome> RunAsync(SandboxSpec spec, Action<string>? log, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(SandboxIdentity.DropsPrivileges ? "setpriv" : Bwrap)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (SandboxIdentity.DropsPrivileges)
        {
            var id = SandboxIdentity.UnprivilegedHostId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var argument in new[] { "--reuid=" + id, "--regid=" + id, "--clear-groups", "--", Bwrap })
            {
                info.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in BwrapArguments.For(spec))
        {
            info.ArgumentList.Add(argument);
        }

        var tail = new Queue<string>();
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > 20)
                {
                    tail.Dequeue();
                }
            }

            log?.Invoke(line);
        }

        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        var clock = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BuildException($"cannot start the sandbox ({Bwrap}): {e.Message}; install bubblewrap");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(spec.Timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        process.WaitForExit();
        clock.Stop();
        string text;
        lock (tail)
        {
            text = string.Join('\n', tail);
        }

        return new StepOutcome(process.ExitCode, timedOut, clock.Elapsed, text);
    }
}
