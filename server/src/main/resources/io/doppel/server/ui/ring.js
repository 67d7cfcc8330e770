// A fixed-size buffer of the newest items: pushing is O(1) and memory never grows past the capacity.
export class Ring {
  constructor(capacity) {
    this.items = new Array(capacity);
    this.capacity = capacity;
    this.next = 0;
    this.size = 0;
  }
  push(item) {
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }
  /** The newest n, newest first. */
  newest(n = this.size) {
    const out = [];
    for (let i = 1; i <= Math.min(n, this.size); i++) out.push(this.items[(this.next - i + this.capacity) % this.capacity]);
    return out;
  }
  clear() {
    this.items = new Array(this.capacity);
    this.next = 0;
    this.size = 0;
  }
}
