/* TEST-ONLY stand-in for bcryptprimitives.dll under Wine 8, which lacks its ProcessPrng export.
 *
 * Rust's std asks ProcessPrng for random bytes (HashMap keys and the like), so without it the .exe does not even
 * start under Debian's Wine 8. Windows 10 and later have the real bcryptprimitives.dll with ProcessPrng: this DLL is
 * NEVER shipped. .ci/windows-build compiles it with MinGW and places it beside the .exe under test only.
 *
 * ProcessPrng is forwarded to SystemFunction036 (RtlGenRandom) of advapi32, which Wine has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
