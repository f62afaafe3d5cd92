namespace VodManager.Core.Data.Entities;

public enum AccountPlan
{
    Free = 0,
    Paid = 1,
}
