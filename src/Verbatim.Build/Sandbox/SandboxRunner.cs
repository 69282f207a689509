using System.Diagnostics;

namespace Verbatim.Build.Sandbox;

/// <summary>Runs one step in a fresh bubblewrap sandbox, streams its output, and kills it (with everything it started) at the time limit.</summary>
public static class SandboxRunner
{
    public const string Bwrap = "bwrap";

    /// <summary>
    /// Starts the process from a dedicated thread that lives until the process ends: bwrap's --die-with-parent is
    /// PR_SET_PDEATHSIG, which fires when the forking *thread* exits, and thread-pool threads retire when idle.
    /// </summary>
    private static async Task<Task> StartOnOwnThreadAsync(Process process)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                process.Start();
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                started.SetException(new BuildException($"cannot start the sandbox ({process.StartInfo.FileName}): {e.Message}; install bubblewrap"));
                return;
            }

            started.SetResult();
            process.WaitForExit();
            exited.SetResult();
        })
        {
            IsBackground = true,
            Name = "verbatim sandbox",
        };
        thread.Start();
        await started.Task.ConfigureAwait(false);
        return exited.Task;
    }

    public static async Task<StepOutcome> RunAsync(SandboxSpec spec, Action<string>? log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Identity.Identity.FileOrder == Verbatim.Common.Identity.FileOrder.Native)
        {
            return await RunHereAsync(spec, log, cancellationToken).ConfigureAwait(false);
        }

        var mountPoint = spec.Workspace.TrimEnd('/') + ".ordered";
        var mount = await DisorderFs.MountAsync(spec.Workspace, mountPoint, spec.Identity.Identity.FileOrder, cancellationToken).ConfigureAwait(false);
        await using (mount.ConfigureAwait(false))
        {
            return await RunHereAsync(spec with { Workspace = mountPoint }, log, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<StepOutcome> RunHereAsync(SandboxSpec spec, Action<string>? log, CancellationToken cancellationToken)
    {
        var prefix = new List<string>();
        if (HostUser.DropsPrivileges)
        {
            var id = HostUser.UnprivilegedId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            prefix.AddRange(["setpriv", "--reuid=" + id, "--regid=" + id, "--clear-groups", "--"]);
        }

        if (!spec.Identity.Identity.AddressSpaceRandomization)
        {
            prefix.AddRange([AddressSpace.Setarch, "-R"]);
        }

        if (spec.Identity.CpuList is { } cpus)
        {
            prefix.AddRange(["taskset", "-c", cpus]);
        }

        prefix.Add(Bwrap);
        var info = new ProcessStartInfo(prefix[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in prefix.Skip(1).Concat(BwrapArguments.For(spec)))
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
        var exited = await StartOnOwnThreadAsync(process).ConfigureAwait(false);
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var timedOut = false;
        try
        {
            await exited.WaitAsync(spec.Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            process.Kill(entireProcessTree: true);
            await exited.ConfigureAwait(false);
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
