import { describe, expect, it } from "vitest";
import { ObjectBudget } from "../../function/object-budget";

describe("ObjectBudget", () => {
  it("grants slots up to the limit, then queues partitions in order and hands freed slots to them", () => {
    const woken: number[] = [];
    const budget = new ObjectBudget(2, (p) => woken.push(p));
    expect(budget.acquire(0)).toBe(true);
    expect(budget.acquire(1)).toBe(true);
    expect(budget.acquire(2)).toBe(false);
    expect(budget.acquire(3)).toBe(false);
    expect(budget.acquire(2)).toBe(false); // asking again keeps its place
    expect(budget.waitingPartitions).toEqual([2, 3]);

    budget.release();
    expect(woken).toEqual([2]);
    // The slot is set aside for 2: a partition that did not wait cannot take it.
    expect(budget.acquire(0)).toBe(false);
    expect(budget.acquire(2)).toBe(true);
    expect(budget.waitingPartitions).toEqual([3, 0]);
  });

  it("a partition that stops passes its reserved slot on, and leaves the queue", () => {
    const woken: number[] = [];
    const budget = new ObjectBudget(1, (p) => woken.push(p));
    budget.acquire(0);
    budget.acquire(1);
    budget.acquire(2);
    budget.acquire(3);
    budget.forget(2);
    expect(budget.waitingPartitions).toEqual([1, 3]);
    budget.release(); // 0 finished: 1 gets the slot
    budget.forget(1); // 1 stops before using it: 3 gets it
    expect(woken).toEqual([1, 3]);
    expect(budget.acquire(3)).toBe(true);
    budget.release();
    expect(budget.acquire(5)).toBe(true); // nobody waits: a free slot is anyone's
  });
});
