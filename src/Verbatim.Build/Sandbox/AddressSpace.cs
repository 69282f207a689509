namespace Verbatim.Build.Sandbox;

/// <summary>Address-space randomisation turned off for a build: the sandbox is started under <c>setarch -R</c> (personality <c>ADDR_NO_RANDOMIZE</c>), which bwrap and every step inherit.</summary>
public static class AddressSpace
{
    public const string Setarch = "/usr/bin/setarch";

    /// <summary>Why randomisation cannot be turned off here (one phrase), or null when it can.</summary>
    public static string? Problem() => File.Exists(Setarch) ? null : "setarch is not installed (Debian package util-linux)";
}
