namespace VodManager.Core.Ingest.Video;

/// <summary>A URL import tried to connect somewhere <see cref="AddressPolicy"/> forbids; raised at connect time, so redirects and DNS tricks meet it too.</summary>
public sealed class BlockedAddressException(string message) : IOException(message);
