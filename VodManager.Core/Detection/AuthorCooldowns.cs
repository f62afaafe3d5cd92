using System.Numerics;

namespace VodManager.Core.Detection;

/// <summary>
/// When each author last counted as a chatter, by the author's 64-bit key: an open-addressing table probed linearly,
/// so a line of chat costs one hash and, on a long chat's tens of thousands of authors, about one cache miss (a
/// Dictionary's bucket and entry arrays took two, a tenth of detection's time).
/// </summary>
internal sealed class AuthorCooldowns
{
    private Slot[] _slots = new Slot[1 << 12];
    private int _shift = 64 - 12;
    private int _count;

    // Key 0 marks an empty slot, so the author whose key is 0 (a line without a commenter) is kept apart.
    private bool _zeroSeen;
    private double _zeroAt;

    /// <summary>The author's slot, added (holding 0) when new; <paramref name="seen"/> says whether it was there.</summary>
    public ref double Last(ulong key, out bool seen)
    {
        if (key == 0)
        {
            seen = _zeroSeen;
            _zeroSeen = true;
            return ref _zeroAt;
        }

        if (_count * 2 >= _slots.Length)
        {
            Grow();
        }

        var mask = _slots.Length - 1;
        for (var i = Home(key); ; i = (i + 1) & mask)
        {
            ref var slot = ref _slots[i];
            if (slot.Key == key)
            {
                seen = true;
                return ref slot.At;
            }

            if (slot.Key == 0)
            {
                (slot.Key, seen) = (key, false);
                _count++;
                return ref slot.At;
            }
        }
    }

    /// <summary>Fibonacci hashing: the top bits of the key times 2^64/φ, spread even for keys that differ in few bits.</summary>
    private int Home(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);

    private void Grow()
    {
        var old = _slots;
        _slots = new Slot[old.Length * 2];
        _shift = 64 - BitOperations.Log2((uint)_slots.Length);
        var mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Key != 0)
            {
                var i = Home(slot.Key);
                while (_slots[i].Key != 0)
                {
                    i = (i + 1) & mask;
                }

                _slots[i] = slot;
            }
        }
    }

    private struct Slot
    {
        public ulong Key;
        public double At;
    }
}
