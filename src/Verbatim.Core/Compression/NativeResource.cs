using System.Runtime.InteropServices;

namespace Verbatim.Core.Compression;

/// <summary>
/// Owns one native codec object (a context returned by a library, or a stream struct allocated here) and releases it
/// exactly once, through the given function, when disposed or finalised.
/// </summary>
internal sealed unsafe class NativeResource : SafeHandle
{
    private readonly delegate*<IntPtr, void> release;

    public NativeResource(IntPtr pointer, delegate*<IntPtr, void> release)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        this.release = release;
        SetHandle(pointer);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The native pointer; valid until the resource is disposed.</summary>
    public void* Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return (void*)handle;
        }
    }

    /// <summary>Allocates a zeroed native struct of <paramref name="size"/> bytes, released by <paramref name="end"/> and then freed.</summary>
    public static NativeResource AllocateStruct(int size, delegate*<IntPtr, void> end)
    {
        var pointer = (IntPtr)NativeMemory.AllocZeroed((nuint)size);
        return new NativeResource(pointer, end);
    }

    /// <summary>Frees a struct made by <see cref="AllocateStruct"/> after its codec has been ended.</summary>
    public static void Free(IntPtr pointer) => NativeMemory.Free((void*)pointer);

    protected override bool ReleaseHandle()
    {
        release(handle);
        return true;
    }
}
