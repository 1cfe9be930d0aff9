;; The JSON string escaper of the JSON Lines encoder (encoder.ts), in WebAssembly with 128-bit SIMD: on
;; Node.js 18 (SCF's runtime), the same work as a JavaScript byte loop took about four times the CPU
;; (bench/README.md, "Where the time goes on Node.js 18"). Assembled by `npm run generate:wasm` into
;; generated/wasm/json-escape.ts; a unit test checks that the committed bytes are this file's.
;;
;; Memory: bytes [0, 1024) hold the escape table the encoder fills, 8 bytes per ASCII byte: the escape
;; JSON.stringify writes for it (up to 6 bytes), and at index 7 its length (0 when the byte needs none).
;; Bytes [1024, 1032) are the last call's status, read by the encoder as plain memory (cheaper from
;; JavaScript than exported globals): at 1024 (i32) how many input bytes it consumed, all of them unless
;; the room ran out; at 1028 (i32) 1 when it copied a byte >= 0x80, so the caller must check the input is
;; UTF-8. The encoder places the line and the input past them.
(module
  (memory (export "memory") 1)

  ;; Copies src[0, n) to dst with JSON's escapes for bytes < 0x20, '"' and '\', writing below `limit`;
  ;; returns the address after the last byte written. Stops early, consuming fewer than n, when fewer than
  ;; 8 bytes of room are left before an escape or a single byte (16 before a block of 16).
  (func (export "escape") (param $src i32) (param $n i32) (param $dst i32) (param $limit i32) (result i32)
    (local $i i32) (local $v v128) (local $seen v128) (local $mask i32) (local $c i32) (local $entry i32) (local $high i32)
    (block $done
      (loop $next
        (if (i32.and (i32.le_u (i32.add (local.get $i) (i32.const 16)) (local.get $n))
                     (i32.le_u (i32.add (local.get $dst) (i32.const 16)) (local.get $limit)))
          (then
            ;; 16 bytes at once: stored as they are, then the first that needs an escape, if any, is found.
            (local.set $v (v128.load (i32.add (local.get $src) (local.get $i))))
            (v128.store (local.get $dst) (local.get $v))
            (local.set $seen (v128.or (local.get $seen) (local.get $v)))
            (local.set $mask (i8x16.bitmask (v128.or (v128.or
              (i8x16.lt_u (local.get $v) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32))
              (i8x16.eq (local.get $v) (v128.const i8x16 34 34 34 34 34 34 34 34 34 34 34 34 34 34 34 34)))
              (i8x16.eq (local.get $v) (v128.const i8x16 92 92 92 92 92 92 92 92 92 92 92 92 92 92 92 92)))))
            (if (i32.eqz (local.get $mask))
              (then
                (local.set $i (i32.add (local.get $i) (i32.const 16)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
                (br $next)))
            ;; Keep the bytes before it; it is escaped below.
            (local.set $mask (i32.ctz (local.get $mask)))
            (local.set $i (i32.add (local.get $i) (local.get $mask)))
            (local.set $dst (i32.add (local.get $dst) (local.get $mask))))
          (else
            ;; The last bytes (or little room left): one at a time.
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (br_if $done (i32.gt_u (i32.add (local.get $dst) (i32.const 8)) (local.get $limit)))
            (local.set $c (i32.load8_u (i32.add (local.get $src) (local.get $i))))
            (if (i32.and (i32.ge_u (local.get $c) (i32.const 32))
                         (i32.and (i32.ne (local.get $c) (i32.const 34)) (i32.ne (local.get $c) (i32.const 92))))
              (then
                (i32.store8 (local.get $dst) (local.get $c))
                (if (i32.ge_u (local.get $c) (i32.const 128)) (then (local.set $high (i32.const 1))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 1)))
                (br $next)))))
        ;; src[i] needs an escape: the table entry's 8 bytes are written, and dst moves by its length.
        (br_if $done (i32.gt_u (i32.add (local.get $dst) (i32.const 8)) (local.get $limit)))
        (local.set $entry (i32.shl (i32.load8_u (i32.add (local.get $src) (local.get $i))) (i32.const 3)))
        (i64.store (local.get $dst) (i64.load (local.get $entry)))
        (local.set $dst (i32.add (local.get $dst) (i32.load8_u offset=7 (local.get $entry))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.store (i32.const 1024) (local.get $i))
    (i32.store (i32.const 1028) (i32.or (local.get $high) (i32.ne (i8x16.bitmask (local.get $seen)) (i32.const 0))))
    (local.get $dst)))
