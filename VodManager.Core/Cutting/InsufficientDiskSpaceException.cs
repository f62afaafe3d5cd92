namespace VodManager.Core.Cutting;

/// <summary>A write was refused before it started because the disk has too little free space; says needed vs free.</summary>
public sealed class InsufficientDiskSpaceException(string message) : Exception(message);
