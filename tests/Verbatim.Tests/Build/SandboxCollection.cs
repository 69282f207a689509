namespace Verbatim.Tests.Build;

/// <summary>Build tests run one at a time: they share a cache and the machine's two cores.</summary>
[CollectionDefinition("sandbox", DisableParallelization = true)]
public sealed class SandboxCollection
{
}
