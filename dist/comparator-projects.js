#!/usr/bin/env node
import { createRequire as __sa_cr } from 'node:module'; const require = __sa_cr(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/events-universal/default.js
var require_default = __commonJS({
  "node_modules/events-universal/default.js"(exports, module) {
    module.exports = __require("events");
  }
});

// node_modules/fast-fifo/fixed-size.js
var require_fixed_size = __commonJS({
  "node_modules/fast-fifo/fixed-size.js"(exports, module) {
    module.exports = class FixedFIFO {
      constructor(hwm) {
        if (!(hwm > 0) || (hwm - 1 & hwm) !== 0) throw new Error("Max size for a FixedFIFO should be a power of two");
        this.buffer = new Array(hwm);
        this.mask = hwm - 1;
        this.top = 0;
        this.btm = 0;
        this.next = null;
      }
      clear() {
        this.top = this.btm = 0;
        this.next = null;
        this.buffer.fill(void 0);
      }
      push(data) {
        if (this.buffer[this.top] !== void 0) return false;
        this.buffer[this.top] = data;
        this.top = this.top + 1 & this.mask;
        return true;
      }
      shift() {
        const last = this.buffer[this.btm];
        if (last === void 0) return void 0;
        this.buffer[this.btm] = void 0;
        this.btm = this.btm + 1 & this.mask;
        return last;
      }
      peek() {
        return this.buffer[this.btm];
      }
      isEmpty() {
        return this.buffer[this.btm] === void 0;
      }
    };
  }
});

// node_modules/fast-fifo/index.js
var require_fast_fifo = __commonJS({
  "node_modules/fast-fifo/index.js"(exports, module) {
    var FixedFIFO = require_fixed_size();
    module.exports = class FastFIFO {
      constructor(hwm) {
        this.hwm = hwm || 16;
        this.head = new FixedFIFO(this.hwm);
        this.tail = this.head;
        this.length = 0;
      }
      clear() {
        this.head = this.tail;
        this.head.clear();
        this.length = 0;
      }
      push(val) {
        this.length++;
        if (!this.head.push(val)) {
          const prev = this.head;
          this.head = prev.next = new FixedFIFO(2 * this.head.buffer.length);
          this.head.push(val);
        }
      }
      shift() {
        if (this.length !== 0) this.length--;
        const val = this.tail.shift();
        if (val === void 0 && this.tail.next) {
          const next = this.tail.next;
          this.tail.next = null;
          this.tail = next;
          return this.tail.shift();
        }
        return val;
      }
      peek() {
        const val = this.tail.peek();
        if (val === void 0 && this.tail.next) return this.tail.next.peek();
        return val;
      }
      isEmpty() {
        return this.length === 0;
      }
    };
  }
});

// node_modules/b4a/index.js
var require_b4a = __commonJS({
  "node_modules/b4a/index.js"(exports, module) {
    function isBuffer(value) {
      return Buffer.isBuffer(value) || value instanceof Uint8Array;
    }
    function isEncoding(encoding) {
      return Buffer.isEncoding(encoding);
    }
    function alloc(size2, fill2, encoding) {
      return Buffer.alloc(size2, fill2, encoding);
    }
    function allocUnsafe(size2) {
      return Buffer.allocUnsafe(size2);
    }
    function allocUnsafeSlow(size2) {
      return Buffer.allocUnsafeSlow(size2);
    }
    function byteLength(string, encoding) {
      return Buffer.byteLength(string, encoding);
    }
    function compare(a, b) {
      return Buffer.compare(a, b);
    }
    function concat(buffers, totalLength) {
      return Buffer.concat(buffers, totalLength);
    }
    function copy(source, target, targetStart, start, end) {
      return toBuffer(source).copy(target, targetStart, start, end);
    }
    function equals(a, b) {
      return toBuffer(a).equals(b);
    }
    function fill(buffer, value, offset, end, encoding) {
      return toBuffer(buffer).fill(value, offset, end, encoding);
    }
    function from(value, encodingOrOffset, length) {
      return Buffer.from(value, encodingOrOffset, length);
    }
    function includes(buffer, value, byteOffset, encoding) {
      return toBuffer(buffer).includes(value, byteOffset, encoding);
    }
    function indexOf(buffer, value, byfeOffset, encoding) {
      return toBuffer(buffer).indexOf(value, byfeOffset, encoding);
    }
    function lastIndexOf(buffer, value, byteOffset, encoding) {
      return toBuffer(buffer).lastIndexOf(value, byteOffset, encoding);
    }
    function swap16(buffer) {
      return toBuffer(buffer).swap16();
    }
    function swap32(buffer) {
      return toBuffer(buffer).swap32();
    }
    function swap64(buffer) {
      return toBuffer(buffer).swap64();
    }
    function toBuffer(buffer) {
      if (Buffer.isBuffer(buffer)) return buffer;
      return Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    }
    function toString(buffer, encoding, start, end) {
      return toBuffer(buffer).toString(encoding, start, end);
    }
    function toHex(buffer, start, end) {
      return toBuffer(buffer).toString("hex", start, end);
    }
    function write(buffer, string, offset, length, encoding) {
      return toBuffer(buffer).write(string, offset, length, encoding);
    }
    function readDoubleBE(buffer, offset) {
      return toBuffer(buffer).readDoubleBE(offset);
    }
    function readDoubleLE(buffer, offset) {
      return toBuffer(buffer).readDoubleLE(offset);
    }
    function readFloatBE(buffer, offset) {
      return toBuffer(buffer).readFloatBE(offset);
    }
    function readFloatLE(buffer, offset) {
      return toBuffer(buffer).readFloatLE(offset);
    }
    function readInt32BE(buffer, offset) {
      return toBuffer(buffer).readInt32BE(offset);
    }
    function readInt32LE(buffer, offset) {
      return toBuffer(buffer).readInt32LE(offset);
    }
    function readUInt32BE(buffer, offset) {
      return toBuffer(buffer).readUInt32BE(offset);
    }
    function readUInt32LE(buffer, offset) {
      return toBuffer(buffer).readUInt32LE(offset);
    }
    function writeDoubleBE(buffer, value, offset) {
      return toBuffer(buffer).writeDoubleBE(value, offset);
    }
    function writeDoubleLE(buffer, value, offset) {
      return toBuffer(buffer).writeDoubleLE(value, offset);
    }
    function writeFloatBE(buffer, value, offset) {
      return toBuffer(buffer).writeFloatBE(value, offset);
    }
    function writeFloatLE(buffer, value, offset) {
      return toBuffer(buffer).writeFloatLE(value, offset);
    }
    function writeInt32BE(buffer, value, offset) {
      return toBuffer(buffer).writeInt32BE(value, offset);
    }
    function writeInt32LE(buffer, value, offset) {
      return toBuffer(buffer).writeInt32LE(value, offset);
    }
    function writeUInt32BE(buffer, value, offset) {
      return toBuffer(buffer).writeUInt32BE(value, offset);
    }
    function writeUInt32LE(buffer, value, offset) {
      return toBuffer(buffer).writeUInt32LE(value, offset);
    }
    module.exports = {
      isBuffer,
      isEncoding,
      alloc,
      allocUnsafe,
      allocUnsafeSlow,
      byteLength,
      compare,
      concat,
      copy,
      equals,
      fill,
      from,
      includes,
      indexOf,
      lastIndexOf,
      swap16,
      swap32,
      swap64,
      toBuffer,
      toString,
      toHex,
      write,
      readDoubleBE,
      readDoubleLE,
      readFloatBE,
      readFloatLE,
      readInt32BE,
      readInt32LE,
      readUInt32BE,
      readUInt32LE,
      writeDoubleBE,
      writeDoubleLE,
      writeFloatBE,
      writeFloatLE,
      writeInt32BE,
      writeInt32LE,
      writeUInt32BE,
      writeUInt32LE
    };
  }
});

// node_modules/text-decoder/lib/pass-through-decoder.js
var require_pass_through_decoder = __commonJS({
  "node_modules/text-decoder/lib/pass-through-decoder.js"(exports, module) {
    var b4a = require_b4a();
    module.exports = class PassThroughDecoder {
      constructor(encoding) {
        this.encoding = encoding;
      }
      get remaining() {
        return 0;
      }
      decode(data) {
        return b4a.toString(data, this.encoding);
      }
      flush() {
        return "";
      }
    };
  }
});

// node_modules/text-decoder/lib/utf8-decoder.js
var require_utf8_decoder = __commonJS({
  "node_modules/text-decoder/lib/utf8-decoder.js"(exports, module) {
    var b4a = require_b4a();
    module.exports = class UTF8Decoder {
      constructor() {
        this._reset();
      }
      get remaining() {
        return this.bytesSeen;
      }
      decode(data) {
        if (data.byteLength === 0) return "";
        if (this.bytesNeeded === 0 && trailingIncomplete(data, 0) === 0) {
          this.bytesSeen = trailingBytesSeen(data);
          return b4a.toString(data, "utf8");
        }
        let result = "";
        let start = 0;
        if (this.bytesNeeded > 0) {
          while (start < data.byteLength) {
            const byte = data[start];
            if (byte < this.lowerBoundary || byte > this.upperBoundary) {
              result += "�";
              this._reset();
              break;
            }
            this.lowerBoundary = 128;
            this.upperBoundary = 191;
            this.codePoint = this.codePoint << 6 | byte & 63;
            this.bytesSeen++;
            start++;
            if (this.bytesSeen === this.bytesNeeded) {
              result += String.fromCodePoint(this.codePoint);
              this._reset();
              break;
            }
          }
          if (this.bytesNeeded > 0) return result;
        }
        const trailing = trailingIncomplete(data, start);
        const end = data.byteLength - trailing;
        if (end > start) result += b4a.toString(data, "utf8", start, end);
        for (let i = end; i < data.byteLength; i++) {
          const byte = data[i];
          if (this.bytesNeeded === 0) {
            if (byte <= 127) {
              this.bytesSeen = 0;
              result += String.fromCharCode(byte);
            } else if (byte >= 194 && byte <= 223) {
              this.bytesNeeded = 2;
              this.bytesSeen = 1;
              this.codePoint = byte & 31;
            } else if (byte >= 224 && byte <= 239) {
              if (byte === 224) this.lowerBoundary = 160;
              else if (byte === 237) this.upperBoundary = 159;
              this.bytesNeeded = 3;
              this.bytesSeen = 1;
              this.codePoint = byte & 15;
            } else if (byte >= 240 && byte <= 244) {
              if (byte === 240) this.lowerBoundary = 144;
              else if (byte === 244) this.upperBoundary = 143;
              this.bytesNeeded = 4;
              this.bytesSeen = 1;
              this.codePoint = byte & 7;
            } else {
              this.bytesSeen = 1;
              result += "�";
            }
            continue;
          }
          if (byte < this.lowerBoundary || byte > this.upperBoundary) {
            result += "�";
            i--;
            this._reset();
            continue;
          }
          this.lowerBoundary = 128;
          this.upperBoundary = 191;
          this.codePoint = this.codePoint << 6 | byte & 63;
          this.bytesSeen++;
          if (this.bytesSeen === this.bytesNeeded) {
            result += String.fromCodePoint(this.codePoint);
            this._reset();
          }
        }
        return result;
      }
      flush() {
        const result = this.bytesNeeded > 0 ? "�" : "";
        this._reset();
        return result;
      }
      _reset() {
        this.codePoint = 0;
        this.bytesNeeded = 0;
        this.bytesSeen = 0;
        this.lowerBoundary = 128;
        this.upperBoundary = 191;
      }
    };
    function trailingIncomplete(data, start) {
      const len = data.byteLength;
      if (len <= start) return 0;
      const limit = Math.max(start, len - 4);
      let i = len - 1;
      while (i > limit && (data[i] & 192) === 128) i--;
      if (i < start) return 0;
      const byte = data[i];
      let needed;
      if (byte <= 127) return 0;
      if (byte >= 194 && byte <= 223) needed = 2;
      else if (byte >= 224 && byte <= 239) needed = 3;
      else if (byte >= 240 && byte <= 244) needed = 4;
      else return 0;
      const available = len - i;
      return available < needed ? available : 0;
    }
    function trailingBytesSeen(data) {
      const len = data.byteLength;
      if (len === 0) return 0;
      const last = data[len - 1];
      if (last <= 127) return 0;
      if ((last & 192) !== 128) return 1;
      const limit = Math.max(0, len - 4);
      let i = len - 2;
      while (i >= limit && (data[i] & 192) === 128) i--;
      if (i < 0) return 1;
      const first = data[i];
      let needed;
      if (first >= 194 && first <= 223) needed = 2;
      else if (first >= 224 && first <= 239) needed = 3;
      else if (first >= 240 && first <= 244) needed = 4;
      else return 1;
      if (len - i !== needed) return 1;
      if (needed >= 3) {
        const second = data[i + 1];
        if (first === 224 && second < 160) return 1;
        if (first === 237 && second > 159) return 1;
        if (first === 240 && second < 144) return 1;
        if (first === 244 && second > 143) return 1;
      }
      return 0;
    }
  }
});

// node_modules/text-decoder/index.js
var require_text_decoder = __commonJS({
  "node_modules/text-decoder/index.js"(exports, module) {
    var PassThroughDecoder = require_pass_through_decoder();
    var UTF8Decoder = require_utf8_decoder();
    module.exports = class TextDecoder {
      constructor(encoding = "utf8") {
        this.encoding = normalizeEncoding(encoding);
        switch (this.encoding) {
          case "utf8":
            this.decoder = new UTF8Decoder();
            break;
          case "utf16le":
          case "base64":
            throw new Error("Unsupported encoding: " + this.encoding);
          default:
            this.decoder = new PassThroughDecoder(this.encoding);
        }
      }
      get remaining() {
        return this.decoder.remaining;
      }
      push(data) {
        if (typeof data === "string") return data;
        return this.decoder.decode(data);
      }
      // For Node.js compatibility
      write(data) {
        return this.push(data);
      }
      end(data) {
        let result = "";
        if (data) result = this.push(data);
        result += this.decoder.flush();
        return result;
      }
    };
    function normalizeEncoding(encoding) {
      encoding = encoding.toLowerCase();
      switch (encoding) {
        case "utf8":
        case "utf-8":
          return "utf8";
        case "ucs2":
        case "ucs-2":
        case "utf16le":
        case "utf-16le":
          return "utf16le";
        case "latin1":
        case "binary":
          return "latin1";
        case "base64":
        case "ascii":
        case "hex":
          return encoding;
        default:
          throw new Error("Unknown encoding: " + encoding);
      }
    }
  }
});

// node_modules/streamx/lib/errors.js
var require_errors = __commonJS({
  "node_modules/streamx/lib/errors.js"(exports, module) {
    module.exports = class StreamError extends Error {
      constructor(msg, code, fn = StreamError) {
        super(msg);
        this.code = code;
        if (Error.captureStackTrace) {
          Error.captureStackTrace(this, fn);
        }
      }
      static isStreamDestroyed(err) {
        return err && err.code === "STREAM_DESTROYED";
      }
      static isPrematureClose(err) {
        return err && err.code === "PREMATURE_CLOSE";
      }
      static isAborted(err) {
        return err && err.code === "ABORTED";
      }
      static isBadArgument(err) {
        return err && err.code === "BAD_ARGUMENT";
      }
      get name() {
        return "StreamError";
      }
      static STREAM_DESTROYED() {
        return new StreamError("Stream was destroyed", "STREAM_DESTROYED", StreamError.STREAM_DESTROYED);
      }
      static PREMATURE_CLOSE(msg = "Premature close") {
        return new StreamError(msg, "PREMATURE_CLOSE", StreamError.PREMATURE_CLOSE);
      }
      static ABORTED() {
        return new StreamError("Stream aborted", "ABORTED", StreamError.ABORTED);
      }
      static BAD_ARGUMENT(msg = "Bad argument") {
        return new StreamError(msg, "BAD_ARGUMENT", StreamError.BAD_ARGUMENT);
      }
    };
  }
});

// node_modules/streamx/index.js
var require_streamx = __commonJS({
  "node_modules/streamx/index.js"(exports, module) {
    var { EventEmitter } = require_default();
    var FIFO = require_fast_fifo();
    var TextDecoder2 = require_text_decoder();
    var StreamError = require_errors();
    var qmt = typeof queueMicrotask === "undefined" ? (fn) => global.process.nextTick(fn) : queueMicrotask;
    var MAX = (1 << 29) - 1;
    var OPENING = 1;
    var PREDESTROYING = 2;
    var DESTROYING = 4;
    var DESTROYED = 8;
    var NOT_OPENING = MAX ^ OPENING;
    var NOT_PREDESTROYING = MAX ^ PREDESTROYING;
    var READ_ACTIVE = 1 << 4;
    var READ_UPDATING = 2 << 4;
    var READ_PRIMARY = 4 << 4;
    var READ_QUEUED = 8 << 4;
    var READ_RESUMED = 16 << 4;
    var READ_PIPE_DRAINED = 32 << 4;
    var READ_ENDING = 64 << 4;
    var READ_EMIT_DATA = 128 << 4;
    var READ_EMIT_READABLE = 256 << 4;
    var READ_EMITTED_READABLE = 512 << 4;
    var READ_DONE = 1024 << 4;
    var READ_NEXT_TICK = 2048 << 4;
    var READ_NEEDS_PUSH = 4096 << 4;
    var READ_READ_AHEAD = 8192 << 4;
    var READ_FLOWING = READ_RESUMED | READ_PIPE_DRAINED;
    var READ_ACTIVE_AND_NEEDS_PUSH = READ_ACTIVE | READ_NEEDS_PUSH;
    var READ_PRIMARY_AND_ACTIVE = READ_PRIMARY | READ_ACTIVE;
    var READ_EMIT_READABLE_AND_QUEUED = READ_EMIT_READABLE | READ_QUEUED;
    var READ_RESUMED_READ_AHEAD = READ_RESUMED | READ_READ_AHEAD;
    var READ_NOT_ACTIVE = MAX ^ READ_ACTIVE;
    var READ_NON_PRIMARY = MAX ^ READ_PRIMARY;
    var READ_NON_PRIMARY_AND_PUSHED = MAX ^ (READ_PRIMARY | READ_NEEDS_PUSH);
    var READ_PUSHED = MAX ^ READ_NEEDS_PUSH;
    var READ_PAUSED = MAX ^ READ_RESUMED;
    var READ_NOT_QUEUED = MAX ^ (READ_QUEUED | READ_EMITTED_READABLE);
    var READ_NOT_ENDING = MAX ^ READ_ENDING;
    var READ_PIPE_NOT_DRAINED = MAX ^ READ_FLOWING;
    var READ_NOT_NEXT_TICK = MAX ^ READ_NEXT_TICK;
    var READ_NOT_UPDATING = MAX ^ READ_UPDATING;
    var READ_NO_READ_AHEAD = MAX ^ READ_READ_AHEAD;
    var READ_PAUSED_NO_READ_AHEAD = MAX ^ READ_RESUMED_READ_AHEAD;
    var WRITE_ACTIVE = 1 << 18;
    var WRITE_UPDATING = 2 << 18;
    var WRITE_PRIMARY = 4 << 18;
    var WRITE_QUEUED = 8 << 18;
    var WRITE_UNDRAINED = 16 << 18;
    var WRITE_DONE = 32 << 18;
    var WRITE_EMIT_DRAIN = 64 << 18;
    var WRITE_NEXT_TICK = 128 << 18;
    var WRITE_WRITING = 256 << 18;
    var WRITE_FINISHING = 512 << 18;
    var WRITE_CORKED = 1024 << 18;
    var WRITE_NOT_ACTIVE = MAX ^ (WRITE_ACTIVE | WRITE_WRITING);
    var WRITE_NON_PRIMARY = MAX ^ WRITE_PRIMARY;
    var WRITE_NOT_FINISHING = MAX ^ (WRITE_ACTIVE | WRITE_FINISHING);
    var WRITE_DRAINED = MAX ^ WRITE_UNDRAINED;
    var WRITE_NOT_QUEUED = MAX ^ WRITE_QUEUED;
    var WRITE_NOT_NEXT_TICK = MAX ^ WRITE_NEXT_TICK;
    var WRITE_NOT_UPDATING = MAX ^ WRITE_UPDATING;
    var WRITE_NOT_CORKED = MAX ^ WRITE_CORKED;
    var ACTIVE = READ_ACTIVE | WRITE_ACTIVE;
    var NOT_ACTIVE = MAX ^ ACTIVE;
    var DONE = READ_DONE | WRITE_DONE;
    var DESTROY_STATUS = DESTROYING | DESTROYED | PREDESTROYING;
    var OPEN_STATUS = DESTROY_STATUS | OPENING;
    var AUTO_DESTROY = DESTROY_STATUS | DONE;
    var NON_PRIMARY = WRITE_NON_PRIMARY & READ_NON_PRIMARY;
    var ACTIVE_OR_TICKING = WRITE_NEXT_TICK | READ_NEXT_TICK;
    var TICKING = ACTIVE_OR_TICKING & NOT_ACTIVE;
    var IS_OPENING = OPEN_STATUS | TICKING;
    var READ_PRIMARY_STATUS = OPEN_STATUS | READ_ENDING | READ_DONE;
    var READ_STATUS = OPEN_STATUS | READ_DONE | READ_QUEUED;
    var READ_ENDING_STATUS = OPEN_STATUS | READ_ENDING | READ_QUEUED;
    var READ_READABLE_STATUS = OPEN_STATUS | READ_EMIT_READABLE | READ_QUEUED | READ_EMITTED_READABLE;
    var SHOULD_NOT_READ = OPEN_STATUS | READ_ACTIVE | READ_ENDING | READ_DONE | READ_NEEDS_PUSH | READ_READ_AHEAD;
    var READ_BACKPRESSURE_STATUS = DESTROY_STATUS | READ_ENDING | READ_DONE;
    var READ_UPDATE_SYNC_STATUS = READ_UPDATING | OPEN_STATUS | READ_NEXT_TICK | READ_PRIMARY;
    var READ_NEXT_TICK_OR_OPENING = READ_NEXT_TICK | OPENING;
    var WRITE_PRIMARY_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_DONE;
    var WRITE_QUEUED_AND_UNDRAINED = WRITE_QUEUED | WRITE_UNDRAINED;
    var WRITE_QUEUED_AND_ACTIVE = WRITE_QUEUED | WRITE_ACTIVE;
    var WRITE_DRAIN_STATUS = WRITE_QUEUED | WRITE_UNDRAINED | OPEN_STATUS | WRITE_ACTIVE;
    var WRITE_STATUS = OPEN_STATUS | WRITE_ACTIVE | WRITE_QUEUED | WRITE_CORKED;
    var WRITE_PRIMARY_AND_ACTIVE = WRITE_PRIMARY | WRITE_ACTIVE;
    var WRITE_ACTIVE_AND_WRITING = WRITE_ACTIVE | WRITE_WRITING;
    var WRITE_FINISHING_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_QUEUED_AND_ACTIVE | WRITE_DONE;
    var WRITE_BACKPRESSURE_STATUS = WRITE_UNDRAINED | DESTROY_STATUS | WRITE_FINISHING | WRITE_DONE;
    var WRITE_UPDATE_SYNC_STATUS = WRITE_UPDATING | OPEN_STATUS | WRITE_NEXT_TICK | WRITE_PRIMARY;
    var WRITE_DROP_DATA = WRITE_FINISHING | WRITE_DONE | DESTROY_STATUS;
    var asyncIterator = Symbol.asyncIterator || /* @__PURE__ */ Symbol("asyncIterator");
    var WritableState = class {
      constructor(stream, { highWaterMark = 16384, map = null, mapWritable, byteLength, byteLengthWritable } = {}) {
        this.stream = stream;
        this.queue = new FIFO();
        this.highWaterMark = highWaterMark;
        this.buffered = 0;
        this.error = null;
        this.pipeline = null;
        this.drains = null;
        this.byteLength = byteLengthWritable || byteLength || defaultByteLength;
        this.map = mapWritable || map;
        this.afterWrite = afterWrite.bind(this);
        this.afterUpdateNextTick = updateWriteNT.bind(this);
      }
      get ending() {
        return (this.stream._duplexState & WRITE_FINISHING) !== 0;
      }
      get ended() {
        return (this.stream._duplexState & WRITE_DONE) !== 0;
      }
      push(data) {
        if ((this.stream._duplexState & WRITE_DROP_DATA) !== 0) return false;
        if (this.map !== null) data = this.map(data);
        this.buffered += this.byteLength(data);
        this.queue.push(data);
        if (this.buffered < this.highWaterMark) {
          this.stream._duplexState |= WRITE_QUEUED;
          return true;
        }
        this.stream._duplexState |= WRITE_QUEUED_AND_UNDRAINED;
        return false;
      }
      shift() {
        const data = this.queue.shift();
        this.buffered -= this.byteLength(data);
        if (this.buffered === 0) this.stream._duplexState &= WRITE_NOT_QUEUED;
        return data;
      }
      end(data) {
        if (typeof data === "function") {
          this.stream.once("finish", data);
        } else if (data !== void 0 && data !== null) {
          this.push(data);
        }
        this.stream._duplexState = (this.stream._duplexState | WRITE_FINISHING) & WRITE_NON_PRIMARY;
      }
      autoBatch(data, cb) {
        const buffer = [];
        const stream = this.stream;
        buffer.push(data);
        while ((stream._duplexState & WRITE_STATUS) === WRITE_QUEUED_AND_ACTIVE) {
          buffer.push(stream._writableState.shift());
        }
        if ((stream._duplexState & OPEN_STATUS) !== 0) return cb(null);
        stream._writev(buffer, cb);
      }
      update() {
        const stream = this.stream;
        stream._duplexState |= WRITE_UPDATING;
        do {
          while ((stream._duplexState & WRITE_STATUS) === WRITE_QUEUED) {
            const data = this.shift();
            stream._duplexState |= WRITE_ACTIVE_AND_WRITING;
            stream._write(data, this.afterWrite);
          }
          if ((stream._duplexState & WRITE_PRIMARY_AND_ACTIVE) === 0) this.updateNonPrimary();
        } while (this.continueUpdate() === true);
        stream._duplexState &= WRITE_NOT_UPDATING;
      }
      updateNonPrimary() {
        const stream = this.stream;
        if ((stream._duplexState & WRITE_FINISHING_STATUS) === WRITE_FINISHING) {
          stream._duplexState = stream._duplexState | WRITE_ACTIVE;
          stream._final(afterFinal.bind(this));
          return;
        }
        if ((stream._duplexState & DESTROY_STATUS) === DESTROYING) {
          if ((stream._duplexState & ACTIVE_OR_TICKING) === 0) {
            stream._duplexState |= ACTIVE;
            stream._destroy(afterDestroy.bind(this));
          }
          return;
        }
        if ((stream._duplexState & IS_OPENING) === OPENING) {
          stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING;
          stream._open(afterOpen.bind(this));
        }
      }
      continueUpdate() {
        if ((this.stream._duplexState & WRITE_NEXT_TICK) === 0) return false;
        this.stream._duplexState &= WRITE_NOT_NEXT_TICK;
        return true;
      }
      updateCallback() {
        if ((this.stream._duplexState & WRITE_UPDATE_SYNC_STATUS) === WRITE_PRIMARY) {
          this.update();
        } else {
          this.updateNextTick();
        }
      }
      updateNextTick() {
        if ((this.stream._duplexState & WRITE_NEXT_TICK) !== 0) return;
        this.stream._duplexState |= WRITE_NEXT_TICK;
        if ((this.stream._duplexState & WRITE_UPDATING) === 0) qmt(this.afterUpdateNextTick);
      }
    };
    var ReadableState = class {
      constructor(stream, { highWaterMark = 16384, map = null, mapReadable, byteLength, byteLengthReadable } = {}) {
        this.stream = stream;
        this.queue = new FIFO();
        this.highWaterMark = highWaterMark === 0 ? 1 : highWaterMark;
        this.buffered = 0;
        this.readAhead = highWaterMark > 0;
        this.error = null;
        this.pipeline = null;
        this.byteLength = byteLengthReadable || byteLength || defaultByteLength;
        this.map = mapReadable || map;
        this.pipeTo = null;
        this.afterRead = afterRead.bind(this);
        this.afterUpdateNextTick = updateReadNT.bind(this);
      }
      get ending() {
        return (this.stream._duplexState & READ_ENDING) !== 0;
      }
      get ended() {
        return (this.stream._duplexState & READ_DONE) !== 0;
      }
      pipe(pipeTo, cb) {
        if (this.pipeTo !== null) throw StreamError.BAD_ARGUMENT("Can only pipe to one destination");
        if (typeof cb !== "function") cb = null;
        this.stream._duplexState |= READ_PIPE_DRAINED;
        this.pipeTo = pipeTo;
        this.pipeline = new Pipeline(this.stream, pipeTo, cb);
        if (cb) this.stream.on("error", noop);
        if (isStreamx(pipeTo)) {
          pipeTo._writableState.pipeline = this.pipeline;
          if (cb) pipeTo.on("error", noop);
          pipeTo.on("finish", this.pipeline.finished.bind(this.pipeline));
        } else {
          const onerror = this.pipeline.done.bind(this.pipeline, pipeTo);
          const onclose = this.pipeline.done.bind(this.pipeline, pipeTo, null);
          pipeTo.on("error", onerror);
          pipeTo.on("close", onclose);
          pipeTo.on("finish", this.pipeline.finished.bind(this.pipeline));
        }
        pipeTo.on("drain", afterDrain.bind(this));
        this.stream.emit("piping", pipeTo);
        pipeTo.emit("pipe", this.stream);
      }
      push(data) {
        const stream = this.stream;
        if (data === null) {
          this.highWaterMark = 0;
          stream._duplexState = (stream._duplexState | READ_ENDING) & READ_NON_PRIMARY_AND_PUSHED;
          return false;
        }
        if (this.map !== null) {
          data = this.map(data);
          if (data === null) {
            stream._duplexState &= READ_PUSHED;
            return this.buffered < this.highWaterMark;
          }
        }
        this.buffered += this.byteLength(data);
        this.queue.push(data);
        stream._duplexState = (stream._duplexState | READ_QUEUED) & READ_PUSHED;
        return this.buffered < this.highWaterMark;
      }
      shift() {
        const data = this.queue.shift();
        this.buffered -= this.byteLength(data);
        if (this.buffered === 0) {
          this.stream._duplexState &= READ_NOT_QUEUED;
        }
        return data;
      }
      unshift(data) {
        const pending = [this.map !== null ? this.map(data) : data];
        while (this.buffered > 0) pending.push(this.shift());
        for (let i = 0; i < pending.length - 1; i++) {
          const data2 = pending[i];
          this.buffered += this.byteLength(data2);
          this.queue.push(data2);
        }
        this.push(pending[pending.length - 1]);
      }
      read() {
        const stream = this.stream;
        if ((stream._duplexState & READ_STATUS) === READ_QUEUED) {
          const data = this.shift();
          if (this.pipeTo !== null && this.pipeTo.write(data) === false) {
            stream._duplexState &= READ_PIPE_NOT_DRAINED;
          }
          if ((stream._duplexState & READ_EMIT_DATA) !== 0) {
            stream.emit("data", data);
          }
          return data;
        }
        if (this.readAhead === false) {
          stream._duplexState |= READ_READ_AHEAD;
          this.updateNextTick();
        }
        return null;
      }
      drain() {
        const stream = this.stream;
        while ((stream._duplexState & READ_STATUS) === READ_QUEUED && (stream._duplexState & READ_FLOWING) !== 0) {
          const data = this.shift();
          if (this.pipeTo !== null && this.pipeTo.write(data) === false) {
            stream._duplexState &= READ_PIPE_NOT_DRAINED;
          }
          if ((stream._duplexState & READ_EMIT_DATA) !== 0) {
            stream.emit("data", data);
          }
        }
      }
      update() {
        const stream = this.stream;
        stream._duplexState |= READ_UPDATING;
        do {
          this.drain();
          while (this.buffered < this.highWaterMark && (stream._duplexState & SHOULD_NOT_READ) === READ_READ_AHEAD) {
            stream._duplexState |= READ_ACTIVE_AND_NEEDS_PUSH;
            stream._read(this.afterRead);
            this.drain();
          }
          if ((stream._duplexState & READ_READABLE_STATUS) === READ_EMIT_READABLE_AND_QUEUED) {
            stream._duplexState |= READ_EMITTED_READABLE;
            stream.emit("readable");
          }
          if ((stream._duplexState & READ_PRIMARY_AND_ACTIVE) === 0) {
            this.updateNonPrimary();
          }
        } while (this.continueUpdate() === true);
        stream._duplexState &= READ_NOT_UPDATING;
      }
      updateNonPrimary() {
        const stream = this.stream;
        if ((stream._duplexState & READ_ENDING_STATUS) === READ_ENDING) {
          stream._duplexState = (stream._duplexState | READ_DONE) & READ_NOT_ENDING;
          stream.emit("end");
          if ((stream._duplexState & AUTO_DESTROY) === DONE) {
            stream._duplexState |= DESTROYING;
          }
          if (this.pipeTo !== null) {
            this.pipeTo.end();
          }
        }
        if ((stream._duplexState & DESTROY_STATUS) === DESTROYING) {
          if ((stream._duplexState & ACTIVE_OR_TICKING) === 0) {
            stream._duplexState |= ACTIVE;
            stream._destroy(afterDestroy.bind(this));
          }
          return;
        }
        if ((stream._duplexState & IS_OPENING) === OPENING) {
          stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING;
          stream._open(afterOpen.bind(this));
        }
      }
      continueUpdate() {
        if ((this.stream._duplexState & READ_NEXT_TICK) === 0) return false;
        this.stream._duplexState &= READ_NOT_NEXT_TICK;
        return true;
      }
      updateCallback() {
        if ((this.stream._duplexState & READ_UPDATE_SYNC_STATUS) === READ_PRIMARY) {
          this.update();
        } else {
          this.updateNextTick();
        }
      }
      updateNextTickIfOpen() {
        if ((this.stream._duplexState & READ_NEXT_TICK_OR_OPENING) !== 0) return;
        this.stream._duplexState |= READ_NEXT_TICK;
        if ((this.stream._duplexState & READ_UPDATING) === 0) qmt(this.afterUpdateNextTick);
      }
      updateNextTick() {
        if ((this.stream._duplexState & READ_NEXT_TICK) !== 0) return;
        this.stream._duplexState |= READ_NEXT_TICK;
        if ((this.stream._duplexState & READ_UPDATING) === 0) qmt(this.afterUpdateNextTick);
      }
    };
    var TransformState = class {
      constructor(stream) {
        this.data = null;
        this.afterTransform = afterTransform.bind(stream);
        this.afterFinal = null;
      }
    };
    var Pipeline = class {
      constructor(src, dst, cb) {
        this.from = src;
        this.to = dst;
        this.afterPipe = cb;
        this.error = null;
        this.pipeToFinished = false;
      }
      finished() {
        this.pipeToFinished = true;
      }
      done(stream, err) {
        if (err) this.error = err;
        if (stream === this.to) {
          this.to = null;
          if (this.from !== null) {
            if ((this.from._duplexState & READ_DONE) === 0 || !this.pipeToFinished) {
              this.from.destroy(this.error || StreamError.PREMATURE_CLOSE("Writable stream closed"));
            }
            return;
          }
        }
        if (stream === this.from) {
          this.from = null;
          if (this.to !== null) {
            if ((stream._duplexState & READ_DONE) === 0) {
              this.to.destroy(this.error || StreamError.PREMATURE_CLOSE("Readable stream closed"));
            }
            return;
          }
        }
        if (this.afterPipe !== null) this.afterPipe(this.error);
        this.to = this.from = this.afterPipe = null;
      }
    };
    function afterDrain() {
      this.stream._duplexState |= READ_PIPE_DRAINED;
      this.updateCallback();
    }
    function afterFinal(err) {
      const stream = this.stream;
      if (err) stream.destroy(err);
      if ((stream._duplexState & DESTROY_STATUS) === 0) {
        stream._duplexState |= WRITE_DONE;
        stream.emit("finish");
      }
      if ((stream._duplexState & AUTO_DESTROY) === DONE) {
        stream._duplexState |= DESTROYING;
      }
      stream._duplexState &= WRITE_NOT_FINISHING;
      if ((stream._duplexState & WRITE_UPDATING) === 0) {
        this.update();
      } else {
        this.updateNextTick();
      }
    }
    function afterDestroy(err) {
      const stream = this.stream;
      if (!err && !StreamError.isStreamDestroyed(this.error)) err = this.error;
      if (err) stream.emit("error", err);
      stream._duplexState |= DESTROYED;
      stream.emit("close");
      const rs = stream._readableState;
      const ws = stream._writableState;
      if (rs !== null && rs.pipeline !== null) {
        rs.pipeline.done(stream, err);
      }
      if (ws !== null) {
        while (ws.drains !== null && ws.drains.length > 0) {
          ws.drains.shift().resolve(false);
        }
        if (ws.pipeline !== null) {
          ws.pipeline.done(stream, err);
        }
      }
    }
    function afterWrite(err) {
      const stream = this.stream;
      if (err) stream.destroy(err);
      stream._duplexState &= WRITE_NOT_ACTIVE;
      if (this.drains !== null) tickDrains(this.drains);
      if ((stream._duplexState & WRITE_DRAIN_STATUS) === WRITE_UNDRAINED) {
        stream._duplexState &= WRITE_DRAINED;
        if ((stream._duplexState & WRITE_EMIT_DRAIN) === WRITE_EMIT_DRAIN) {
          stream.emit("drain");
        }
      }
      this.updateCallback();
    }
    function afterRead(err) {
      if (err) this.stream.destroy(err);
      this.stream._duplexState &= READ_NOT_ACTIVE;
      if (this.readAhead === false && (this.stream._duplexState & READ_RESUMED) === 0) {
        this.stream._duplexState &= READ_NO_READ_AHEAD;
      }
      this.updateCallback();
    }
    function updateReadNT() {
      if ((this.stream._duplexState & READ_UPDATING) === 0) {
        this.stream._duplexState &= READ_NOT_NEXT_TICK;
        this.update();
      }
    }
    function updateWriteNT() {
      if ((this.stream._duplexState & WRITE_UPDATING) === 0) {
        this.stream._duplexState &= WRITE_NOT_NEXT_TICK;
        this.update();
      }
    }
    function tickDrains(drains) {
      for (let i = 0; i < drains.length; i++) {
        if (--drains[i].writes === 0) {
          drains.shift().resolve(true);
          i--;
        }
      }
    }
    function afterOpen(err) {
      const stream = this.stream;
      if (err) stream.destroy(err);
      if ((stream._duplexState & DESTROYING) === 0) {
        if ((stream._duplexState & READ_PRIMARY_STATUS) === 0) {
          stream._duplexState |= READ_PRIMARY;
        }
        if ((stream._duplexState & WRITE_PRIMARY_STATUS) === 0) {
          stream._duplexState |= WRITE_PRIMARY;
        }
        stream.emit("open");
      }
      stream._duplexState &= NOT_ACTIVE;
      if (stream._writableState !== null) {
        stream._writableState.updateCallback();
      }
      if (stream._readableState !== null) {
        stream._readableState.updateCallback();
      }
    }
    function afterTransform(err, data) {
      if (data !== void 0 && data !== null) this.push(data);
      this._writableState.afterWrite(err);
    }
    function newListener(name) {
      if (this._readableState !== null) {
        if (name === "data") {
          this._duplexState |= READ_EMIT_DATA | READ_RESUMED_READ_AHEAD;
          this._readableState.updateNextTick();
        }
        if (name === "readable") {
          this._duplexState |= READ_EMIT_READABLE;
          this._readableState.updateNextTick();
        }
      }
      if (this._writableState !== null) {
        if (name === "drain") {
          this._duplexState |= WRITE_EMIT_DRAIN;
          this._writableState.updateNextTick();
        }
      }
    }
    var Stream = class extends EventEmitter {
      constructor(opts) {
        super();
        this._duplexState = 0;
        this._readableState = null;
        this._writableState = null;
        if (opts) {
          if (opts.open) this._open = opts.open;
          if (opts.destroy) this._destroy = opts.destroy;
          if (opts.predestroy) this._predestroy = opts.predestroy;
          if (opts.signal) opts.signal.addEventListener("abort", abort.bind(this));
        }
        this.on("newListener", newListener);
      }
      _open(cb) {
        cb(null);
      }
      _destroy(cb) {
        cb(null);
      }
      _predestroy() {
      }
      get readable() {
        return this._readableState !== null ? true : void 0;
      }
      get writable() {
        return this._writableState !== null ? true : void 0;
      }
      get destroyed() {
        return (this._duplexState & DESTROYED) !== 0;
      }
      get destroying() {
        return (this._duplexState & DESTROY_STATUS) !== 0;
      }
      destroy(err) {
        if ((this._duplexState & DESTROY_STATUS) === 0) {
          if (!err) err = StreamError.STREAM_DESTROYED();
          this._duplexState = (this._duplexState | DESTROYING) & NON_PRIMARY;
          if (this._readableState !== null) {
            this._readableState.highWaterMark = 0;
            this._readableState.error = err;
          }
          if (this._writableState !== null) {
            this._writableState.highWaterMark = 0;
            this._writableState.error = err;
          }
          this._duplexState |= PREDESTROYING;
          this._predestroy();
          this._duplexState &= NOT_PREDESTROYING;
          if (this._readableState !== null) {
            this._readableState.updateNextTick();
          }
          if (this._writableState !== null) {
            this._writableState.updateNextTick();
          }
        }
      }
    };
    var Readable2 = class _Readable extends Stream {
      constructor(opts) {
        super(opts);
        this._duplexState |= OPENING | WRITE_DONE | READ_READ_AHEAD;
        this._readableState = new ReadableState(this, opts);
        if (opts) {
          if (this._readableState.readAhead === false) this._duplexState &= READ_NO_READ_AHEAD;
          if (opts.read) this._read = opts.read;
          if (opts.eagerOpen) this._readableState.updateNextTick();
          if (opts.encoding) this.setEncoding(opts.encoding);
        }
      }
      static deferred(fn, opts) {
        const out = new PassThrough(opts);
        fn().then((src) => {
          if (src === null) return out.end();
          if (out.destroying) return;
          pipeline(src, out, noop);
        }).catch((err) => out.destroy(err));
        return out;
      }
      setEncoding(encoding) {
        const dec = new TextDecoder2(encoding);
        const map = this._readableState.map || echo;
        this._readableState.map = mapOrSkip;
        return this;
        function mapOrSkip(data) {
          const next = dec.push(data);
          return next === "" && (data.byteLength !== 0 || dec.remaining > 0) ? null : map(next);
        }
      }
      _read(cb) {
        cb(null);
      }
      pipe(dest, cb) {
        this._readableState.updateNextTick();
        this._readableState.pipe(dest, cb);
        return dest;
      }
      read() {
        this._readableState.updateNextTick();
        return this._readableState.read();
      }
      push(data) {
        this._readableState.updateNextTickIfOpen();
        return this._readableState.push(data);
      }
      unshift(data) {
        this._readableState.updateNextTickIfOpen();
        return this._readableState.unshift(data);
      }
      resume() {
        this._duplexState |= READ_RESUMED_READ_AHEAD;
        this._readableState.updateNextTick();
        return this;
      }
      pause() {
        this._duplexState &= this._readableState.readAhead === false ? READ_PAUSED_NO_READ_AHEAD : READ_PAUSED;
        return this;
      }
      static _fromAsyncIterator(ite, opts) {
        let destroy;
        const rs = new _Readable({
          ...opts,
          read(cb) {
            ite.next().then(push).then(cb.bind(null, null)).catch(cb);
          },
          predestroy() {
            destroy = ite.return();
          },
          destroy(cb) {
            if (!destroy) return cb(null);
            destroy.then(cb.bind(null, null)).catch(cb);
          }
        });
        return rs;
        function push(data) {
          if (data.done) rs.push(null);
          else rs.push(data.value);
        }
      }
      static from(data, opts) {
        if (isReadStreamx(data)) return data;
        if (data[asyncIterator]) return this._fromAsyncIterator(data[asyncIterator](), opts);
        if (!Array.isArray(data)) data = data === void 0 ? [] : [data];
        let i = 0;
        return new _Readable({
          ...opts,
          read(cb) {
            this.push(i === data.length ? null : data[i++]);
            cb(null);
          }
        });
      }
      static isBackpressured(rs) {
        return (rs._duplexState & READ_BACKPRESSURE_STATUS) !== 0 || rs._readableState.buffered >= rs._readableState.highWaterMark;
      }
      static isPaused(rs) {
        return (rs._duplexState & READ_RESUMED) === 0;
      }
      [asyncIterator]() {
        const stream = this;
        let error = null;
        let promiseResolve = null;
        let promiseReject = null;
        this.on("error", (err) => {
          error = err;
        });
        this.on("readable", onreadable);
        this.on("close", onclose);
        return {
          [asyncIterator]() {
            return this;
          },
          next() {
            return new Promise(function(resolve, reject) {
              promiseResolve = resolve;
              promiseReject = reject;
              const data = stream.read();
              if (data !== null) ondata(data);
              else if ((stream._duplexState & DESTROYED) !== 0) ondata(null);
            });
          },
          return() {
            return destroy(null);
          },
          throw(err) {
            return destroy(err);
          }
        };
        function onreadable() {
          if (promiseResolve !== null) ondata(stream.read());
        }
        function onclose() {
          if (promiseResolve !== null) ondata(null);
        }
        function ondata(data) {
          if (promiseReject === null) return;
          if (error) {
            promiseReject(error);
          } else if (data === null && (stream._duplexState & READ_DONE) === 0) {
            promiseReject(StreamError.STREAM_DESTROYED());
          } else {
            promiseResolve({ value: data, done: data === null });
          }
          promiseReject = promiseResolve = null;
        }
        function destroy(err) {
          stream.destroy(err);
          return new Promise((resolve, reject) => {
            if (stream._duplexState & DESTROYED) return resolve({ value: void 0, done: true });
            stream.once("close", function() {
              if (err) reject(err);
              else resolve({ value: void 0, done: true });
            });
          });
        }
      }
    };
    var Writable = class extends Stream {
      constructor(opts) {
        super(opts);
        this._duplexState |= OPENING | READ_DONE;
        this._writableState = new WritableState(this, opts);
        if (opts) {
          if (opts.writev) this._writev = opts.writev;
          if (opts.write) this._write = opts.write;
          if (opts.final) this._final = opts.final;
          if (opts.eagerOpen) this._writableState.updateNextTick();
        }
      }
      cork() {
        this._duplexState |= WRITE_CORKED;
      }
      uncork() {
        this._duplexState &= WRITE_NOT_CORKED;
        this._writableState.updateNextTick();
      }
      _writev(batch, cb) {
        cb(null);
      }
      _write(data, cb) {
        this._writableState.autoBatch(data, cb);
      }
      _final(cb) {
        cb(null);
      }
      static isBackpressured(ws) {
        return (ws._duplexState & WRITE_BACKPRESSURE_STATUS) !== 0;
      }
      static drained(ws) {
        if (ws.destroyed) return Promise.resolve(false);
        const state = ws._writableState;
        const pending = isWritev(ws) ? Math.min(1, state.queue.length) : state.queue.length;
        const writes = pending + (ws._duplexState & WRITE_WRITING ? 1 : 0);
        if (writes === 0) return Promise.resolve(true);
        if (state.drains === null) state.drains = [];
        return new Promise((resolve) => {
          state.drains.push({ writes, resolve });
        });
      }
      write(data) {
        this._writableState.updateNextTick();
        return this._writableState.push(data);
      }
      end(data) {
        this._writableState.updateNextTick();
        this._writableState.end(data);
        return this;
      }
    };
    var Duplex = class extends Readable2 {
      // and Writable
      constructor(opts) {
        super(opts);
        this._duplexState = OPENING | this._duplexState & READ_READ_AHEAD;
        this._writableState = new WritableState(this, opts);
        if (opts) {
          if (opts.writev) this._writev = opts.writev;
          if (opts.write) this._write = opts.write;
          if (opts.final) this._final = opts.final;
        }
      }
      cork() {
        this._duplexState |= WRITE_CORKED;
      }
      uncork() {
        this._duplexState &= WRITE_NOT_CORKED;
        this._writableState.updateNextTick();
      }
      _writev(batch, cb) {
        cb(null);
      }
      _write(data, cb) {
        this._writableState.autoBatch(data, cb);
      }
      _final(cb) {
        cb(null);
      }
      write(data) {
        this._writableState.updateNextTick();
        return this._writableState.push(data);
      }
      end(data) {
        this._writableState.updateNextTick();
        this._writableState.end(data);
        return this;
      }
    };
    var Transform = class extends Duplex {
      constructor(opts) {
        super(opts);
        this._transformState = new TransformState(this);
        if (opts) {
          if (opts.transform) this._transform = opts.transform;
          if (opts.flush) this._flush = opts.flush;
        }
      }
      _write(data, cb) {
        if (this._readableState.buffered >= this._readableState.highWaterMark) {
          this._transformState.data = data;
        } else {
          this._transform(data, this._transformState.afterTransform);
        }
      }
      _read(cb) {
        if (this._transformState.data !== null) {
          const data = this._transformState.data;
          this._transformState.data = null;
          cb(null);
          this._transform(data, this._transformState.afterTransform);
        } else {
          cb(null);
        }
      }
      destroy(err) {
        super.destroy(err);
        if (this._transformState.data !== null) {
          this._transformState.data = null;
          this._transformState.afterTransform();
        }
      }
      _transform(data, cb) {
        cb(null, data);
      }
      _flush(cb) {
        cb(null);
      }
      _final(cb) {
        this._transformState.afterFinal = cb;
        this._flush(transformAfterFlush.bind(this));
      }
    };
    var PassThrough = class extends Transform {
    };
    function transformAfterFlush(err, data) {
      const cb = this._transformState.afterFinal;
      if (err) return cb(err);
      if (data !== null && data !== void 0) this.push(data);
      this.push(null);
      cb(null);
    }
    function pipelinePromise(...streams) {
      return new Promise((resolve, reject) => {
        return pipeline(...streams, (err) => {
          if (err) return reject(err);
          resolve();
        });
      });
    }
    function pipeline(stream, ...streams) {
      const all = Array.isArray(stream) ? [...stream, ...streams] : [stream, ...streams];
      const done = all.length && typeof all[all.length - 1] === "function" ? all.pop() : null;
      if (all.length < 2) throw StreamError.BAD_ARGUMENT("Pipeline requires at least 2 streams");
      let src = all[0];
      let dest = null;
      let error = null;
      for (let i = 1; i < all.length; i++) {
        dest = all[i];
        if (isStreamx(src)) {
          src.pipe(dest, onerror);
        } else {
          errorHandle(src, true, i > 1, onerror);
          src.pipe(dest);
        }
        src = dest;
      }
      if (done) {
        let fin = false;
        const autoDestroy = isStreamx(dest) || !!(dest._writableState && dest._writableState.autoDestroy);
        dest.on("error", (err) => {
          if (error === null) error = err;
        });
        dest.on("finish", () => {
          fin = true;
          if (!autoDestroy) done(error);
        });
        if (autoDestroy) {
          dest.on("close", () => done(error || (fin ? null : StreamError.PREMATURE_CLOSE())));
        }
      }
      return dest;
      function errorHandle(s, rd, wr, onerror2) {
        s.on("error", onerror2);
        s.on("close", onclose);
        function onclose() {
          if (rd && s._readableState && !s._readableState.ended) {
            return onerror2(StreamError.PREMATURE_CLOSE());
          }
          if (wr && s._writableState && !s._writableState.ended) {
            return onerror2(StreamError.PREMATURE_CLOSE());
          }
        }
      }
      function onerror(err) {
        if (!err || error) return;
        error = err;
        for (const s of all) {
          s.destroy(err);
        }
      }
    }
    function echo(s) {
      return s;
    }
    function isStream(stream) {
      return !!stream._readableState || !!stream._writableState;
    }
    function isStreamx(stream) {
      return typeof stream._duplexState === "number" && isStream(stream);
    }
    function isEnding(stream) {
      return !!stream._readableState && stream._readableState.ending;
    }
    function isEnded(stream) {
      return !!stream._readableState && stream._readableState.ended;
    }
    function isFinishing(stream) {
      return !!stream._writableState && stream._writableState.ending;
    }
    function isFinished(stream) {
      return !!stream._writableState && stream._writableState.ended;
    }
    function getStreamError(stream, opts = {}) {
      const err = stream._readableState && stream._readableState.error || stream._writableState && stream._writableState.error;
      return !opts.all && StreamError.isStreamDestroyed(err) ? null : err;
    }
    function isReadStreamx(stream) {
      return isStreamx(stream) && stream.readable;
    }
    function isDisturbed(stream) {
      return (stream._duplexState & OPENING) !== OPENING || (stream._duplexState & DESTROYING) === DESTROYING || (stream._duplexState & ACTIVE_OR_TICKING) !== 0;
    }
    function isTypedArray(data) {
      return typeof data === "object" && data !== null && typeof data.byteLength === "number";
    }
    function defaultByteLength(data) {
      return isTypedArray(data) ? data.byteLength : 1024;
    }
    function noop() {
    }
    function abort() {
      this.destroy(StreamError.ABORTED());
    }
    function isWritev(s) {
      return s._writev !== Writable.prototype._writev && s._writev !== Duplex.prototype._writev;
    }
    module.exports = {
      pipeline,
      pipelinePromise,
      isStream,
      isStreamx,
      isEnding,
      isEnded,
      isFinishing,
      isFinished,
      isDisturbed,
      getStreamError,
      Stream,
      Writable,
      Readable: Readable2,
      Duplex,
      Transform,
      // Export PassThrough for compatibility with Node.js core's stream module
      PassThrough
    };
  }
});

// node_modules/tar-stream/headers.js
var require_headers = __commonJS({
  "node_modules/tar-stream/headers.js"(exports) {
    var b4a = require_b4a();
    var ZEROS = "0000000000000000000";
    var SEVENS = "7777777777777777777";
    var ZERO_OFFSET = "0".charCodeAt(0);
    var USTAR_MAGIC = b4a.from([117, 115, 116, 97, 114, 0]);
    var USTAR_VER = b4a.from([ZERO_OFFSET, ZERO_OFFSET]);
    var GNU_MAGIC = b4a.from([117, 115, 116, 97, 114, 32]);
    var GNU_VER = b4a.from([32, 0]);
    var MASK = 4095;
    var MAGIC_OFFSET = 257;
    var VERSION_OFFSET = 263;
    exports.decodeLongPath = function decodeLongPath(buf, encoding) {
      return decodeStr(buf, 0, buf.length, encoding);
    };
    exports.encodePax = function encodePax(opts) {
      let result = "";
      if (opts.name) result += addLength(" path=" + opts.name + "\n");
      if (opts.linkname) result += addLength(" linkpath=" + opts.linkname + "\n");
      const pax = opts.pax;
      if (pax) {
        for (const key in pax) {
          result += addLength(" " + key + "=" + pax[key] + "\n");
        }
      }
      return b4a.from(result);
    };
    exports.decodePax = function decodePax(buf) {
      const result = {};
      while (buf.length) {
        let i = 0;
        while (i < buf.length && buf[i] !== 32) i++;
        const len = parseInt(b4a.toString(buf.subarray(0, i)), 10);
        if (!len) return result;
        const b = b4a.toString(buf.subarray(i + 1, len - 1));
        const keyIndex = b.indexOf("=");
        if (keyIndex === -1) return result;
        result[b.slice(0, keyIndex)] = b.slice(keyIndex + 1);
        buf = buf.subarray(len);
      }
      return result;
    };
    exports.encode = function encode(opts) {
      const buf = b4a.alloc(512);
      let name = opts.name;
      let prefix = "";
      if (opts.typeflag === 5 && name[name.length - 1] !== "/") name += "/";
      if (b4a.byteLength(name) !== name.length) return null;
      while (b4a.byteLength(name) > 100) {
        const i = name.indexOf("/");
        if (i === -1) return null;
        prefix += prefix ? "/" + name.slice(0, i) : name.slice(0, i);
        name = name.slice(i + 1);
      }
      if (b4a.byteLength(name) > 100 || b4a.byteLength(prefix) > 155) return null;
      if (opts.linkname && b4a.byteLength(opts.linkname) > 100) return null;
      b4a.write(buf, name);
      b4a.write(buf, encodeOct(opts.mode & MASK, 6), 100);
      b4a.write(buf, encodeOct(opts.uid, 6), 108);
      b4a.write(buf, encodeOct(opts.gid, 6), 116);
      encodeSize(opts.size, buf, 124);
      b4a.write(buf, encodeOct(opts.mtime.getTime() / 1e3 | 0, 11), 136);
      buf[156] = ZERO_OFFSET + toTypeflag(opts.type);
      if (opts.linkname) b4a.write(buf, opts.linkname, 157);
      b4a.copy(USTAR_MAGIC, buf, MAGIC_OFFSET);
      b4a.copy(USTAR_VER, buf, VERSION_OFFSET);
      if (opts.uname) b4a.write(buf, opts.uname, 265);
      if (opts.gname) b4a.write(buf, opts.gname, 297);
      b4a.write(buf, encodeOct(opts.devmajor || 0, 6), 329);
      b4a.write(buf, encodeOct(opts.devminor || 0, 6), 337);
      if (prefix) b4a.write(buf, prefix, 345);
      b4a.write(buf, encodeOct(cksum(buf), 6), 148);
      return buf;
    };
    exports.decode = function decode(buf, filenameEncoding, allowUnknownFormat) {
      let typeflag = buf[156] === 0 ? 0 : buf[156] - ZERO_OFFSET;
      let name = decodeStr(buf, 0, 100, filenameEncoding);
      const mode = decodeOct(buf, 100, 8);
      const uid = decodeOct(buf, 108, 8);
      const gid = decodeOct(buf, 116, 8);
      const size2 = decodeOct(buf, 124, 12);
      const mtime = decodeOct(buf, 136, 12);
      const type = toType(typeflag);
      const linkname = buf[157] === 0 ? null : decodeStr(buf, 157, 100, filenameEncoding);
      const uname = decodeStr(buf, 265, 32);
      const gname = decodeStr(buf, 297, 32);
      const devmajor = decodeOct(buf, 329, 8);
      const devminor = decodeOct(buf, 337, 8);
      const c = cksum(buf);
      if (c === 8 * 32) return null;
      if (c !== decodeOct(buf, 148, 8)) throw new Error("Invalid tar header. Maybe the tar is corrupted or it needs to be gunzipped?");
      if (isUSTAR(buf)) {
        if (buf[345]) name = decodeStr(buf, 345, 155, filenameEncoding) + "/" + name;
      } else if (isGNU(buf)) {
      } else {
        if (!allowUnknownFormat) {
          throw new Error("Invalid tar header: unknown format.");
        }
      }
      if (typeflag === 0 && name && name[name.length - 1] === "/") typeflag = 5;
      return {
        name,
        mode,
        uid,
        gid,
        size: size2,
        byteOffset: 0,
        mtime: new Date(1e3 * mtime),
        type,
        linkname,
        uname,
        gname,
        devmajor,
        devminor,
        pax: null
      };
    };
    function isUSTAR(buf) {
      return b4a.equals(USTAR_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6));
    }
    function isGNU(buf) {
      return b4a.equals(GNU_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6)) && b4a.equals(GNU_VER, buf.subarray(VERSION_OFFSET, VERSION_OFFSET + 2));
    }
    function clamp(index, len, defaultValue) {
      if (typeof index !== "number") return defaultValue;
      index = ~~index;
      if (index >= len) return len;
      if (index >= 0) return index;
      index += len;
      if (index >= 0) return index;
      return 0;
    }
    function toType(flag) {
      switch (flag) {
        case 0:
          return "file";
        case 1:
          return "link";
        case 2:
          return "symlink";
        case 3:
          return "character-device";
        case 4:
          return "block-device";
        case 5:
          return "directory";
        case 6:
          return "fifo";
        case 7:
          return "contiguous-file";
        case 72:
          return "pax-header";
        case 55:
          return "pax-global-header";
        case 27:
          return "gnu-long-link-path";
        case 28:
        case 30:
          return "gnu-long-path";
      }
      return null;
    }
    function toTypeflag(flag) {
      switch (flag) {
        case "file":
          return 0;
        case "link":
          return 1;
        case "symlink":
          return 2;
        case "character-device":
          return 3;
        case "block-device":
          return 4;
        case "directory":
          return 5;
        case "fifo":
          return 6;
        case "contiguous-file":
          return 7;
        case "pax-header":
          return 72;
      }
      return 0;
    }
    function indexOf(block, num, offset, end) {
      for (; offset < end; offset++) {
        if (block[offset] === num) return offset;
      }
      return end;
    }
    function cksum(block) {
      let sum = 8 * 32;
      for (let i = 0; i < 148; i++) sum += block[i];
      for (let j = 156; j < 512; j++) sum += block[j];
      return sum;
    }
    function encodeOct(val, n) {
      val = val.toString(8);
      if (val.length > n) return SEVENS.slice(0, n) + " ";
      return ZEROS.slice(0, n - val.length) + val + " ";
    }
    function encodeSizeBin(num, buf, off) {
      buf[off] = 128;
      for (let i = 11; i > 0; i--) {
        buf[off + i] = num & 255;
        num = Math.floor(num / 256);
      }
    }
    function encodeSize(num, buf, off) {
      if (num.toString(8).length > 11) {
        encodeSizeBin(num, buf, off);
      } else {
        b4a.write(buf, encodeOct(num, 11), off);
      }
    }
    function parse256(buf) {
      let positive;
      if (buf[0] === 128) positive = true;
      else if (buf[0] === 255) positive = false;
      else return null;
      const tuple = [];
      let i;
      for (i = buf.length - 1; i > 0; i--) {
        const byte = buf[i];
        if (positive) tuple.push(byte);
        else tuple.push(255 - byte);
      }
      let sum = 0;
      const l = tuple.length;
      for (i = 0; i < l; i++) {
        sum += tuple[i] * Math.pow(256, i);
      }
      return positive ? sum : -1 * sum;
    }
    function decodeOct(val, offset, length) {
      val = val.subarray(offset, offset + length);
      offset = 0;
      if (val[offset] & 128) {
        return parse256(val);
      } else {
        while (offset < val.length && val[offset] === 32) offset++;
        const end = clamp(indexOf(val, 32, offset, val.length), val.length, val.length);
        while (offset < end && val[offset] === 0) offset++;
        if (end === offset) return 0;
        return parseInt(b4a.toString(val.subarray(offset, end)), 8);
      }
    }
    function decodeStr(val, offset, length, encoding) {
      return b4a.toString(val.subarray(offset, indexOf(val, 0, offset, offset + length)), encoding);
    }
    function addLength(str2) {
      const len = b4a.byteLength(str2);
      let digits = Math.floor(Math.log(len) / Math.log(10)) + 1;
      if (len + digits >= Math.pow(10, digits)) digits++;
      return len + digits + str2;
    }
  }
});

// node_modules/tar-stream/extract.js
var require_extract = __commonJS({
  "node_modules/tar-stream/extract.js"(exports, module) {
    var { Writable, Readable: Readable2, getStreamError } = require_streamx();
    var FIFO = require_fast_fifo();
    var b4a = require_b4a();
    var headers = require_headers();
    var EMPTY = b4a.alloc(0);
    var MAX_HEADER_SIZE = 4 * 1024 * 1024;
    var BufferList = class {
      constructor() {
        this.buffered = 0;
        this.shifted = 0;
        this.queue = new FIFO();
        this._offset = 0;
      }
      push(buffer) {
        this.buffered += buffer.byteLength;
        this.queue.push(buffer);
      }
      shiftFirst(size2) {
        return this.buffered === 0 ? null : this._next(size2);
      }
      shift(size2) {
        if (size2 > this.buffered) return null;
        if (size2 === 0) return EMPTY;
        let chunk = this._next(size2);
        if (size2 === chunk.byteLength) return chunk;
        const chunks = [chunk];
        while ((size2 -= chunk.byteLength) > 0) {
          chunk = this._next(size2);
          chunks.push(chunk);
        }
        return b4a.concat(chunks);
      }
      _next(size2) {
        const buf = this.queue.peek();
        const rem = buf.byteLength - this._offset;
        if (size2 >= rem) {
          const sub = this._offset ? buf.subarray(this._offset, buf.byteLength) : buf;
          this.queue.shift();
          this._offset = 0;
          this.buffered -= rem;
          this.shifted += rem;
          return sub;
        }
        this.buffered -= size2;
        this.shifted += size2;
        return buf.subarray(this._offset, this._offset += size2);
      }
    };
    var Source = class extends Readable2 {
      constructor(self, header, offset) {
        super();
        this.header = header;
        this.offset = offset;
        this._parent = self;
      }
      _read(cb) {
        if (this.header.size === 0) {
          this.push(null);
        }
        if (this._parent._stream === this) {
          this._parent._update();
        }
        cb(null);
      }
      _predestroy() {
        this._parent.destroy(getStreamError(this));
      }
      _detach() {
        if (this._parent._stream === this) {
          this._parent._stream = null;
          this._parent._missing = overflow(this.header.size);
          this._parent._update();
        }
      }
      _destroy(cb) {
        this._detach();
        cb(null);
      }
    };
    var Extract = class extends Writable {
      constructor(opts) {
        super(opts);
        if (!opts) opts = {};
        this._buffer = new BufferList();
        this._offset = 0;
        this._header = null;
        this._stream = null;
        this._missing = 0;
        this._longHeader = false;
        this._callback = noop;
        this._locked = false;
        this._finished = false;
        this._pax = null;
        this._paxGlobal = null;
        this._gnuLongPath = null;
        this._gnuLongLinkPath = null;
        this._filenameEncoding = opts.filenameEncoding || "utf-8";
        this._allowUnknownFormat = !!opts.allowUnknownFormat;
        this._unlockBound = this._unlock.bind(this);
      }
      _unlock(err) {
        this._locked = false;
        if (err) {
          this.destroy(err);
          this._continueWrite(err);
          return;
        }
        this._update();
      }
      _consumeHeader() {
        if (this._locked) return false;
        this._offset = this._buffer.shifted;
        try {
          this._header = headers.decode(this._buffer.shift(512), this._filenameEncoding, this._allowUnknownFormat);
        } catch (err) {
          this._continueWrite(err);
          return false;
        }
        if (!this._header) return true;
        this._header.byteOffset = this._buffer.shifted;
        switch (this._header.type) {
          case "gnu-long-path":
          case "gnu-long-link-path":
          case "pax-global-header":
          case "pax-header":
            this._longHeader = true;
            this._missing = this._header.size;
            if (this._missing > MAX_HEADER_SIZE) {
              this._continueWrite(new Error("Header exceeds max size"));
              return false;
            }
            return true;
        }
        this._locked = true;
        this._applyLongHeaders();
        if (!(this._header.size >= 0)) {
          this._continueWrite(new Error("Invalid header"));
          return false;
        }
        if (this._header.size === 0 || this._header.type === "directory") {
          this.emit("entry", this._header, this._createStream(), this._unlockBound);
          return true;
        }
        this._stream = this._createStream();
        this._missing = this._header.size;
        this.emit("entry", this._header, this._stream, this._unlockBound);
        return true;
      }
      _applyLongHeaders() {
        if (this._gnuLongPath) {
          this._header.name = this._gnuLongPath;
          this._gnuLongPath = null;
        }
        if (this._gnuLongLinkPath) {
          this._header.linkname = this._gnuLongLinkPath;
          this._gnuLongLinkPath = null;
        }
        if (this._pax) {
          if (this._pax.path) this._header.name = this._pax.path;
          if (this._pax.linkpath) this._header.linkname = this._pax.linkpath;
          if (this._pax.size) this._header.size = parseInt(this._pax.size, 10);
          this._header.pax = this._pax;
          this._pax = null;
        }
      }
      _decodeLongHeader(buf) {
        switch (this._header.type) {
          case "gnu-long-path":
            this._gnuLongPath = headers.decodeLongPath(buf, this._filenameEncoding);
            break;
          case "gnu-long-link-path":
            this._gnuLongLinkPath = headers.decodeLongPath(buf, this._filenameEncoding);
            break;
          case "pax-global-header":
            this._paxGlobal = headers.decodePax(buf);
            break;
          case "pax-header":
            this._pax = this._paxGlobal === null ? headers.decodePax(buf) : Object.assign({}, this._paxGlobal, headers.decodePax(buf));
            break;
        }
      }
      _consumeLongHeader() {
        this._longHeader = false;
        this._missing = overflow(this._header.size);
        const buf = this._buffer.shift(this._header.size);
        try {
          this._decodeLongHeader(buf);
        } catch (err) {
          this._continueWrite(err);
          return false;
        }
        return true;
      }
      _consumeStream() {
        const buf = this._buffer.shiftFirst(this._missing);
        if (buf === null) return false;
        this._missing -= buf.byteLength;
        const drained = this._stream.push(buf);
        if (this._missing === 0) {
          this._stream.push(null);
          if (drained) this._stream._detach();
          return drained && this._locked === false;
        }
        return drained;
      }
      _createStream() {
        return new Source(this, this._header, this._offset);
      }
      _update() {
        while (this._buffer.buffered > 0 && !this.destroying) {
          if (this._missing > 0) {
            if (this._stream !== null) {
              if (this._consumeStream() === false) return;
              continue;
            }
            if (this._longHeader === true) {
              if (this._missing > this._buffer.buffered) break;
              if (this._consumeLongHeader() === false) return false;
              continue;
            }
            const ignore = this._buffer.shiftFirst(this._missing);
            if (ignore !== null) this._missing -= ignore.byteLength;
            continue;
          }
          if (this._buffer.buffered < 512) break;
          if (this._stream !== null || this._consumeHeader() === false) return;
        }
        this._continueWrite(null);
      }
      _continueWrite(err) {
        const cb = this._callback;
        this._callback = noop;
        cb(err);
      }
      _write(data, cb) {
        this._callback = cb;
        this._buffer.push(data);
        this._update();
      }
      _final(cb) {
        this._finished = this._missing === 0 && this._buffer.buffered === 0;
        cb(this._finished ? null : new Error("Unexpected end of data"));
      }
      _predestroy() {
        this._continueWrite(null);
      }
      _destroy(cb) {
        if (this._stream) this._stream.destroy(getStreamError(this));
        cb(null);
      }
      [Symbol.asyncIterator]() {
        let error = null;
        let promiseResolve = null;
        let promiseReject = null;
        let entryStream = null;
        let entryCallback = null;
        const extract = this;
        this.on("entry", onentry);
        this.on("error", (err) => {
          error = err;
        });
        this.on("close", onclose);
        return {
          [Symbol.asyncIterator]() {
            return this;
          },
          next() {
            return new Promise(onnext);
          },
          return() {
            return destroy(null);
          },
          throw(err) {
            return destroy(err);
          }
        };
        function consumeCallback(err) {
          if (!entryCallback) return;
          const cb = entryCallback;
          entryCallback = null;
          cb(err);
        }
        function onnext(resolve, reject) {
          if (error) {
            return reject(error);
          }
          if (entryStream) {
            resolve({ value: entryStream, done: false });
            entryStream = null;
            return;
          }
          promiseResolve = resolve;
          promiseReject = reject;
          consumeCallback(null);
          if (extract._finished && promiseResolve) {
            promiseResolve({ value: void 0, done: true });
            promiseResolve = promiseReject = null;
          }
        }
        function onentry(header, stream, callback) {
          entryCallback = callback;
          stream.on("error", noop);
          if (promiseResolve) {
            promiseResolve({ value: stream, done: false });
            promiseResolve = promiseReject = null;
          } else {
            entryStream = stream;
          }
        }
        function onclose() {
          consumeCallback(error);
          if (!promiseResolve) return;
          if (error) promiseReject(error);
          else promiseResolve({ value: void 0, done: true });
          promiseResolve = promiseReject = null;
        }
        function destroy(err) {
          extract.destroy(err);
          consumeCallback(err);
          return new Promise((resolve, reject) => {
            if (extract.destroyed) return resolve({ value: void 0, done: true });
            extract.once("close", function() {
              if (err) reject(err);
              else resolve({ value: void 0, done: true });
            });
          });
        }
      }
    };
    module.exports = function extract(opts) {
      return new Extract(opts);
    };
    function noop() {
    }
    function overflow(size2) {
      size2 &= 511;
      return size2 && 512 - size2;
    }
  }
});

// node_modules/tar-stream/constants.js
var require_constants = __commonJS({
  "node_modules/tar-stream/constants.js"(exports, module) {
    var constants = {
      // just for envs without fs
      S_IFMT: 61440,
      S_IFDIR: 16384,
      S_IFCHR: 8192,
      S_IFBLK: 24576,
      S_IFIFO: 4096,
      S_IFLNK: 40960
    };
    try {
      module.exports = __require("fs").constants || constants;
    } catch {
      module.exports = constants;
    }
  }
});

// node_modules/tar-stream/pack.js
var require_pack = __commonJS({
  "node_modules/tar-stream/pack.js"(exports, module) {
    var { Readable: Readable2, Writable, getStreamError } = require_streamx();
    var b4a = require_b4a();
    var constants = require_constants();
    var headers = require_headers();
    var DMODE = 493;
    var FMODE = 420;
    var END_OF_TAR = b4a.alloc(1024);
    var Sink = class extends Writable {
      constructor(pack, header, callback) {
        super({ mapWritable, eagerOpen: true });
        this.written = 0;
        this.header = header;
        this._callback = callback;
        this._linkname = null;
        this._isLinkname = header.type === "symlink" && !header.linkname;
        this._isVoid = header.type !== "file" && header.type !== "contiguous-file";
        this._finished = false;
        this._pack = pack;
        this._openCallback = null;
        if (this._pack._stream === null) this._pack._stream = this;
        else this._pack._pending.push(this);
      }
      _open(cb) {
        this._openCallback = cb;
        if (this._pack._stream === this) this._continueOpen();
      }
      _continuePack(err) {
        if (this._callback === null) return;
        const callback = this._callback;
        this._callback = null;
        callback(err);
      }
      _continueOpen() {
        if (this._pack._stream === null) this._pack._stream = this;
        const cb = this._openCallback;
        this._openCallback = null;
        if (cb === null) return;
        if (this._pack.destroying) return cb(new Error("pack stream destroyed"));
        if (this._pack._finalized) return cb(new Error("pack stream is already finalized"));
        this._pack._stream = this;
        if (!this._isLinkname) {
          this._pack._encode(this.header);
        }
        if (this._isVoid) {
          this._finish();
          this._continuePack(null);
        }
        cb(null);
      }
      _write(data, cb) {
        if (this._isLinkname) {
          this._linkname = this._linkname ? b4a.concat([this._linkname, data]) : data;
          return cb(null);
        }
        if (this._isVoid) {
          if (data.byteLength > 0) {
            return cb(new Error("No body allowed for this entry"));
          }
          return cb();
        }
        this.written += data.byteLength;
        if (this._pack.push(data)) return cb();
        this._pack._drain = cb;
      }
      _finish() {
        if (this._finished) return;
        this._finished = true;
        if (this._isLinkname) {
          this.header.linkname = this._linkname ? b4a.toString(this._linkname, "utf-8") : "";
          this._pack._encode(this.header);
        }
        overflow(this._pack, this.header.size);
        this._pack._done(this);
      }
      _final(cb) {
        if (this.written !== this.header.size) {
          return cb(new Error("Size mismatch"));
        }
        this._finish();
        cb(null);
      }
      _getError() {
        return getStreamError(this) || new Error("tar entry destroyed");
      }
      _predestroy() {
        this._pack.destroy(this._getError());
      }
      _destroy(cb) {
        this._pack._done(this);
        this._continuePack(this._finished ? null : this._getError());
        cb();
      }
    };
    var Pack = class extends Readable2 {
      constructor(opts) {
        super(opts);
        this._drain = noop;
        this._finalized = false;
        this._finalizing = false;
        this._pending = [];
        this._stream = null;
      }
      entry(header, buffer, callback) {
        if (this._finalized || this.destroying) throw new Error("already finalized or destroyed");
        if (typeof buffer === "function") {
          callback = buffer;
          buffer = null;
        }
        if (!callback) callback = noop;
        if (!header.size || header.type === "symlink") header.size = 0;
        if (!header.type) header.type = modeToType(header.mode);
        if (!header.mode) header.mode = header.type === "directory" ? DMODE : FMODE;
        if (!header.uid) header.uid = 0;
        if (!header.gid) header.gid = 0;
        if (!header.mtime) header.mtime = /* @__PURE__ */ new Date();
        if (typeof buffer === "string") buffer = b4a.from(buffer);
        const sink = new Sink(this, header, callback);
        if (b4a.isBuffer(buffer)) {
          header.size = buffer.byteLength;
          sink.write(buffer);
          sink.end();
          return sink;
        }
        if (sink._isVoid) {
          return sink;
        }
        return sink;
      }
      finalize() {
        if (this._stream || this._pending.length > 0) {
          this._finalizing = true;
          return;
        }
        if (this._finalized) return;
        this._finalized = true;
        this.push(END_OF_TAR);
        this.push(null);
      }
      _done(stream) {
        if (stream !== this._stream) return;
        this._stream = null;
        if (this._finalizing) this.finalize();
        if (this._pending.length) this._pending.shift()._continueOpen();
      }
      _encode(header) {
        if (!header.pax) {
          const buf = headers.encode(header);
          if (buf) {
            this.push(buf);
            return;
          }
        }
        this._encodePax(header);
      }
      _encodePax(header) {
        const paxHeader = headers.encodePax({
          name: header.name,
          linkname: header.linkname,
          pax: header.pax
        });
        const newHeader = {
          name: "PaxHeader",
          mode: header.mode,
          uid: header.uid,
          gid: header.gid,
          size: paxHeader.byteLength,
          mtime: header.mtime,
          type: "pax-header",
          linkname: header.linkname && "PaxHeader",
          uname: header.uname,
          gname: header.gname,
          devmajor: header.devmajor,
          devminor: header.devminor
        };
        this.push(headers.encode(newHeader));
        this.push(paxHeader);
        overflow(this, paxHeader.byteLength);
        newHeader.size = header.size;
        newHeader.type = header.type;
        this.push(headers.encode(newHeader));
      }
      _doDrain() {
        const drain = this._drain;
        this._drain = noop;
        drain();
      }
      _predestroy() {
        const err = getStreamError(this);
        if (this._stream) this._stream.destroy(err);
        while (this._pending.length) {
          const stream = this._pending.shift();
          stream.destroy(err);
          stream._continueOpen();
        }
        this._doDrain();
      }
      _read(cb) {
        this._doDrain();
        cb();
      }
    };
    module.exports = function pack(opts) {
      return new Pack(opts);
    };
    function modeToType(mode) {
      switch (mode & constants.S_IFMT) {
        case constants.S_IFBLK:
          return "block-device";
        case constants.S_IFCHR:
          return "character-device";
        case constants.S_IFDIR:
          return "directory";
        case constants.S_IFIFO:
          return "fifo";
        case constants.S_IFLNK:
          return "symlink";
      }
      return "file";
    }
    function noop() {
    }
    function overflow(self, size2) {
      size2 &= 511;
      if (size2) self.push(END_OF_TAR.subarray(0, 512 - size2));
    }
    function mapWritable(buf) {
      return b4a.isBuffer(buf) ? buf : b4a.from(buf);
    }
  }
});

// node_modules/tar-stream/index.js
var require_tar_stream = __commonJS({
  "node_modules/tar-stream/index.js"(exports) {
    exports.extract = require_extract();
    exports.pack = require_pack();
  }
});

// src/comparator/projects-main.ts
import fs3 from "node:fs";
import path5 from "node:path";

// src/cli/args.ts
import { parseArgs } from "node:util";

// src/config/errors.ts
var InputError = class extends Error {
  constructor(input, problem) {
    super(`${input}: ${problem}`);
    this.input = input;
    this.problem = problem;
    this.name = "InputError";
  }
  input;
  problem;
};
var EngineError = class extends Error {
  constructor(engine, operation, detail, hint = "", statusCode) {
    super(`${engine}: ${operation} failed: ${detail}${hint ? ` (${hint})` : ""}`);
    this.engine = engine;
    this.operation = operation;
    this.detail = detail;
    this.hint = hint;
    this.statusCode = statusCode;
    this.name = "EngineError";
  }
  engine;
  operation;
  detail;
  hint;
  statusCode;
};
var ReservationError = class extends EngineError {
};
var RegistryError = class extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
    this.name = "RegistryError";
  }
  status;
};
var CleanupError = class extends AggregateError {
  constructor(failures, causes = []) {
    super(causes, failures.join("; "));
    this.failures = failures;
    this.name = "CleanupError";
  }
  failures;
};
var SandboxError = class extends Error {
  constructor(problems) {
    super(`the sandbox is not what the plan said, so the command was not run: ${problems.join("; ")}`);
    this.problems = problems;
    this.name = "SandboxError";
  }
  problems;
};
var InterruptedError = class extends Error {
  constructor(signal) {
    super(`interrupted by ${signal}; every container, network and volume of the run was removed`);
    this.signal = signal;
    this.name = "InterruptedError";
  }
  signal;
};
var ProtocolError = class extends Error {
  name = "ProtocolError";
};
var HeaderError = class extends Error {
  name = "HeaderError";
};
var InternalError = class extends Error {
  name = "InternalError";
};
function errorMessage(err) {
  return err instanceof Error ? err.message : String(err);
}
function errorKind(err) {
  if (err instanceof InputError || err instanceof HeaderError) return "input";
  if (err instanceof EngineError || err instanceof RegistryError || err instanceof CleanupError || err instanceof ProtocolError)
    return "engine";
  if (err instanceof SandboxError) return "sandbox";
  if (err instanceof InterruptedError) return "interrupted";
  return "internal";
}
var SIGNAL_EXIT = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
var EXIT_CODES = {
  mirror: { input: 125, engine: 125, sandbox: 125, interrupted: "signal", internal: 125 },
  landrun: { input: 2, engine: 125, sandbox: 125, interrupted: "signal", internal: 125 },
  plain: { input: 2, engine: 1, sandbox: 1, interrupted: 1, internal: 1 }
};
function exitCodeFor(kind, err) {
  const rule = EXIT_CODES[kind][errorKind(err)];
  if (rule !== "signal") return rule;
  return err instanceof InterruptedError ? SIGNAL_EXIT[err.signal] ?? 130 : 130;
}

// src/cli/args.ts
function parseCommandLine(argv, table) {
  const dash = argv.indexOf("--");
  const head = dash === -1 ? argv : argv.slice(0, dash);
  const rest = dash === -1 ? [] : argv.slice(dash + 1);
  const config = {};
  for (const [name, o] of Object.entries(table)) {
    config[name] = {
      type: o.kind === "boolean" ? "boolean" : "string",
      ...o.kind === "strings" ? { multiple: true } : {},
      ...o.short ? { short: o.short } : {}
    };
  }
  try {
    const { values, positionals } = parseArgs({
      args: head,
      options: config,
      strict: true,
      allowPositionals: true
    });
    return { options: values, positionals, rest };
  } catch (err) {
    const code = typeof err === "object" && err !== null && "code" in err ? String(err.code) : "";
    const msg = err instanceof Error ? err.message : String(err);
    const named = /'(?:-\w, )?(-{1,2}[^' ]+)/.exec(msg)?.[1] ?? "arguments";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION")
      throw new InputError(named, "is not an option; see --help for the options");
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") throw new InputError(named, "needs a value");
    throw err;
  }
}

// src/engine/podman.ts
var import_tar_stream = __toESM(require_tar_stream(), 1);
import { Readable } from "node:stream";
var ROOTFUL_PODMAN_SOCKET = "unix:///run/podman/podman.sock";
var DOCKER_SOCKET = "unix:///var/run/docker.sock";
function endpointsFor(choice, env) {
  const rootless = env.XDG_RUNTIME_DIR ? [`unix://${env.XDG_RUNTIME_DIR}/podman/podman.sock`] : [];
  if (choice === "docker") return [env.DOCKER_HOST || DOCKER_SOCKET];
  if (choice === "podman") {
    if (env.CONTAINER_HOST) return [env.CONTAINER_HOST];
    return [ROOTFUL_PODMAN_SOCKET, ...rootless];
  }
  if (env.DOCKER_HOST) return [env.DOCKER_HOST];
  if (env.CONTAINER_HOST) return [env.CONTAINER_HOST];
  return [DOCKER_SOCKET, ROOTFUL_PODMAN_SOCKET, ...rootless];
}
function noPodmanHint(tried) {
  return `no Podman service answers at ${tried.join(" or ")}; start one (\`podman system service --time=0 &\`, or \`systemctl --user start podman.socket\` for rootless Podman) or set CONTAINER_HOST to its socket`;
}
function parsePodmanInfo(j) {
  const host = j.host ?? {};
  const sec = host.security ?? {};
  return {
    rootless: sec.rootless === true,
    cgroupVersion: typeof host.cgroupVersion === "string" ? host.cgroupVersion : "",
    cgroupControllers: Array.isArray(host.cgroupControllers) ? host.cgroupControllers : [],
    defaultCapabilities: (sec.capabilities ?? "").split(",").map((c) => c.trim()).filter(Boolean)
  };
}
var DOCKER_DEFAULT_CAPS = [
  "AUDIT_WRITE",
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "MKNOD",
  "NET_BIND_SERVICE",
  "NET_RAW",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_CHROOT"
];
var bare = (c) => c.toUpperCase().replace(/^CAP_/, "");
function podmanCapabilities(capDrop, capAdd, defaults) {
  const dropped = new Set(capDrop.map(bare));
  const all = /* @__PURE__ */ new Set([...DOCKER_DEFAULT_CAPS, ...defaults.map(bare)]);
  const granted = /* @__PURE__ */ new Set([...[...all].filter((c) => !dropped.has(c)), ...capAdd.map(bare)]);
  return { capDrop: ["ALL"], capAdd: [...granted].sort() };
}
function podmanUlimit(u) {
  return { name: u.Name.toLowerCase().replace(/^rlimit_/, ""), soft: u.Soft, hard: u.Hard };
}
function podmanNetworkMode(mode, networks) {
  if (mode !== "bridge") return mode ?? "";
  if (networks.length === 1) return networks[0] === "podman" ? "bridge" : networks[0];
  return `bridge:${networks.join(",")}`;
}
function podmanPidMode(mode) {
  return mode === "private" ? "" : mode ?? "";
}
var PODMAN_READ_ONLY_TMPFS = ["/run", "/tmp", "/var/tmp"];
function coverReadOnlyTmpfs(spec, engineTmpfs) {
  if (!spec.readOnlyRootfs || engineTmpfs.length === 0) return spec;
  const missing = engineTmpfs.filter((t) => !spec.mounts.some((m) => m.target === t));
  if (missing.length === 0) return spec;
  return {
    ...spec,
    mounts: [
      ...spec.mounts,
      ...missing.map((target) => ({
        type: "tmpfs",
        source: "",
        target,
        readOnly: true,
        tmpfs: { sizeBytes: 64 * 1024, mode: 493, options: ["ro", "nosuid", "nodev", "noexec"] }
      }))
    ]
  };
}
function podmanTmpfsBlocks(sizeBytes, arch) {
  if (arch !== "amd64" && arch !== "x86_64") return null;
  return `nr_blocks=${Math.ceil(sizeBytes / 4096)}`;
}
function archiveUnderBase(src, base) {
  const extract = import_tar_stream.default.extract();
  const pack = import_tar_stream.default.pack();
  const rename = (n) => n.startsWith("/") ? `${base}/${n.replace(/^\/+/, "")}` : n;
  extract.on("entry", (header, stream, next) => {
    const h = { ...header, name: rename(header.name) };
    if (h.type === "link" && h.linkname) h.linkname = rename(h.linkname);
    stream.pipe(pack.entry(h, (err) => err ? extract.destroy(err) : next()));
  });
  extract.on("finish", () => pack.finalize());
  extract.on("error", (err) => pack.destroy(err));
  src.on("error", (err) => extract.destroy(err));
  src.pipe(extract);
  const out = Readable.from(pack);
  out.on("close", () => {
    if (!src.readableEnded) src.destroy();
    extract.destroy();
  });
  return out;
}

// src/sandbox/gvisor.ts
function hasOciSeccomp(r) {
  return r.args.some((a) => /^--?oci-seccomp(=true)?$/.test(a));
}
function chooseRunscRuntime(runtimes, networked, allowWeaker = false) {
  const all = runtimes.filter((r) => r.name.startsWith("runsc"));
  if (all.length === 0) {
    const have = runtimes.map((r) => r.name).join(", ") || "none";
    return {
      error: `the engine has no runsc runtime (it has ${have}); register gVisor as in docs/gvisor.md`
    };
  }
  const net2 = (r) => r.args.find((a) => a.startsWith("--network"))?.split("=")[1] ?? null;
  const fits = (r) => networked ? net2(r) !== "none" : true;
  const weak = all.filter((r) => !hasOciSeccomp(r));
  const runsc = allowWeaker ? [...weak.filter(fits), ...all.filter(hasOciSeccomp)] : all.filter(hasOciSeccomp);
  if (runsc.length === 0) {
    return {
      error: `the engine's runsc runtimes (${all.map((r) => r.name).join(", ")}) run without --oci-seccomp, so gVisor would apply no seccomp filter inside the sandbox; add "--oci-seccomp" to their "runtimeArgs" in daemon.json and reload dockerd (kill -HUP), as in docs/gvisor.md, or pass --allow-weaker-gvisor`
    };
  }
  if (!networked) {
    const pick2 = runsc.find((r) => net2(r) === "none") ?? runsc.find((r) => r.name === "runsc") ?? runsc[0];
    return { runtime: pick2.name };
  }
  const pick = runsc.find((r) => net2(r) === "host") ?? runsc.find((r) => net2(r) === null || net2(r) === "sandbox");
  if (!pick) {
    return {
      error: `every runsc runtime of the engine with --oci-seccomp runs with --network=none (${runsc.map((r) => r.name).join(", ")}), so a sandbox on a network cannot start; register one with "runtimeArgs": ["--network=host", "--oci-seccomp"] as in docs/gvisor.md`
    };
  }
  return { runtime: pick.name };
}

// src/sandbox/plan.ts
var LABEL_RUN = "sandbox-action.run";
var LABEL_CREATED = "sandbox-action.created";
var LABEL_ROLE = "sandbox-action.role";
var DEADLINE_GRACE_MS = 3e4;
function newRunId(now, random) {
  return `${now.getTime().toString(36)}-${random}`;
}
function runLabels(runId, createdAt) {
  return { [LABEL_RUN]: runId, [LABEL_CREATED]: createdAt.toISOString() };
}
var NPROC_ULIMIT = { name: "nproc", soft: 32768, hard: 32768 };

// src/sandbox/volumes.ts
import { execFile, spawn } from "node:child_process";
import fsp from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
var run = promisify(execFile);
var LABEL_LOOP_DEVICE = "sandbox-action.loop-device";
var LABEL_LOOP_IMAGE = "sandbox-action.loop-image";
var DISCARD_DIR = ".discard";
async function freeBytesOf(dir) {
  try {
    await fsp.mkdir(dir, { recursive: true, mode: 448 });
    const st = await fsp.statfs(dir);
    return Number(st.bavail) * Number(st.bsize);
  } catch {
    return null;
  }
}
function defaultVolumeHost(stateDir, isRoot, sharedWithEngine = true, deferDiscard = false) {
  return {
    ...deferDiscard ? { discard: (image) => discardInBackground(stateDir, image) } : {},
    stateDir,
    sharedWithEngine,
    async privileged(cmd, args) {
      const { stdout } = isRoot ? await run(cmd, args) : await run("sudo", ["-n", cmd, ...args]);
      return stdout.trim();
    },
    async tool(cmd, args) {
      const { stdout } = await run(cmd, args);
      return stdout.trim();
    },
    freeBytes: () => freeBytesOf(stateDir)
  };
}
var toolChecks = /* @__PURE__ */ new WeakMap();
function loopToolsReason(host) {
  const known = toolChecks.get(host);
  if (known) return known;
  const ok = (p) => p.then(
    () => true,
    () => false
  );
  const check = Promise.all([
    ok(host.tool("mkfs.ext4", ["-V"])),
    ok(host.privileged("losetup", ["--version"]))
  ]).then(
    ([mkfs, losetup]) => !mkfs ? "mkfs.ext4 is not installed (apt-get install e2fsprogs)" : !losetup ? "losetup needs root or passwordless sudo" : null
  );
  toolChecks.set(host, check);
  return check;
}
async function discardInBackground(stateDir, image) {
  const dir = path.join(stateDir, DISCARD_DIR);
  const target = path.join(dir, path.basename(image));
  try {
    await fsp.mkdir(dir, { recursive: true, mode: 448 });
    await fsp.rename(image, target);
  } catch {
    await fsp.rm(image, { force: true });
    return;
  }
  const child = spawn("rm", ["-f", "--", target], { detached: true, stdio: "ignore" });
  child.on("error", () => void 0);
  child.unref();
}
async function loopUnavailableReason(engine, host) {
  if (!engine.info.local) return "the engine is remote, so a loop device here would not reach it";
  if (host.sharedWithEngine === false) {
    return "the job runs in act's container, whose files and loop devices the engine does not see";
  }
  if (engine.info.rootless) {
    return `the engine is rootless ${engine.info.name}, which cannot mount an ext4 volume (the kernel lets only real root mount one)`;
  }
  return loopToolsReason(host);
}
async function chooseBackend(wanted, engine, host) {
  if (wanted === "tmpfs" || wanted === "unbounded") return { backend: wanted, note: null };
  const why = await loopUnavailableReason(engine, host);
  if (why === null) return { backend: "loop", note: null };
  if (wanted === "loop") throw new EngineError(engine.info.name, "create a loop volume", why);
  return {
    backend: "tmpfs",
    note: `volumes are size-capped tmpfs, counted against memory: ${why}`
  };
}
async function createVolume(engine, host, backend, v, owner, labels) {
  const base = { name: v.name, role: v.role, mount: v.mount, sizeBytes: v.sizeBytes, backend };
  const volLabels = { ...labels, [LABEL_ROLE]: v.role };
  if (backend === "tmpfs") {
    await engine.createVolume({
      name: v.name,
      driver: "local",
      driverOpts: {
        type: "tmpfs",
        device: "tmpfs",
        o: `${tmpfsSize(engine, v)},uid=${owner.uid},gid=${owner.gid},mode=0755,nosuid,nodev`
      },
      labels: volLabels
    });
    return { ...base, enforced: true, reserved: false, remove: () => engine.removeVolume(v.name) };
  }
  if (backend === "unbounded") {
    await engine.createVolume({ name: v.name, driver: "local", driverOpts: {}, labels: volLabels });
    return { ...base, enforced: false, reserved: false, remove: () => engine.removeVolume(v.name) };
  }
  return createLoopVolume(engine, host, v, owner, volLabels, base);
}
async function createLoopVolume(engine, host, v, owner, volLabels, base) {
  const image = path.join(host.stateDir, `${v.name}.img`);
  await fsp.mkdir(host.stateDir, { recursive: true, mode: 448 });
  const fh = await fsp.open(image, "wx", 384);
  let device = null;
  let created = false;
  let madeOnce = false;
  const remove = async () => {
    if (created) await engine.removeVolume(v.name);
    created = false;
    if (device) await host.privileged("losetup", ["-d", device]).catch(() => void 0);
    device = null;
    if (host.discard && madeOnce) await host.discard(image);
    else await fsp.rm(image, { force: true });
  };
  try {
    await fh.close();
    await makeImage(engine, host, image, v, owner);
    device = await host.privileged("losetup", ["--find", "--show", image]);
    await engine.createVolume({
      name: v.name,
      driver: "local",
      driverOpts: { type: "ext4", device, o: "nosuid,nodev" },
      labels: { ...volLabels, [LABEL_LOOP_DEVICE]: device, [LABEL_LOOP_IMAGE]: image }
    });
    created = madeOnce = true;
    return { ...base, enforced: true, reserved: true, remove };
  } catch (err) {
    await remove().catch(() => void 0);
    throw err;
  }
}
async function makeImage(engine, host, image, v, owner) {
  try {
    await host.tool("fallocate", ["-l", String(v.sizeBytes), image]);
  } catch (err) {
    throw new ReservationError(
      engine.info.name,
      `reserve ${v.sizeBytes} bytes for ${v.mount}`,
      `fallocate of ${image} failed: ${errorMessage(err).split("\n").slice(-2).join(" ").trim()}`,
      "free space on that filesystem, lower the volume caps, or set SANDBOX_ACTION_STATE_DIR to a larger one"
    );
  }
  await host.tool("mkfs.ext4", [
    "-q",
    "-F",
    "-m",
    "0",
    "-O",
    "^has_journal",
    "-E",
    `root_owner=${owner.uid}:${owner.gid},lazy_itable_init=1,nodiscard`,
    image
  ]);
  await host.tool("debugfs", ["-w", "-R", "rmdir lost+found", image]);
}
function tmpfsSize(engine, v) {
  if (engine.info.name !== "podman") return `size=${v.sizeBytes}`;
  const blocks = podmanTmpfsBlocks(v.sizeBytes, engine.info.arch);
  if (blocks === null) {
    throw new EngineError(
      engine.info.name,
      `create the ${v.mount} volume`,
      `Podman takes a tmpfs volume's size only in pages, and the page size on ${engine.info.arch} is not known here`,
      "use --volume-backend loop (rootful Podman on this host)"
    );
  }
  return blocks;
}

// src/sandbox/watchdog.ts
var HANDOVER_MS = DEADLINE_GRACE_MS - 1e4;
var SENTINEL_SCRIPT = [
  "p=$1 s=$2 u=$3; shift 3",
  'alive() { { read -r l < "/proc/$p/stat"; } 2>/dev/null || return 1; r=${l##*) }; set -f; set -- $r; [ "${20}" = "$s" ]; }',
  'while alive && [ "$(date +%s)" -lt "$u" ]; do sleep 1; done',
  'exec "$@"'
].join("\n");

// src/cli/door.ts
import { randomBytes } from "node:crypto";
import os from "node:os";
import path2 from "node:path";

// src/engine/docker-streams.ts
import { posix } from "node:path";

// src/engine/demux.ts
var Demuxer = class {
  constructor(sink) {
    this.sink = sink;
  }
  sink;
  pending = Buffer.alloc(0);
  push(chunk) {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (buf.length >= 8) {
      const size2 = buf.readUInt32BE(4);
      if (buf.length < 8 + size2) break;
      const kind = buf[0];
      const payload = buf.subarray(8, 8 + size2);
      if (size2 > 0) this.sink(kind === 2 ? "stderr" : "stdout", payload);
      buf = buf.subarray(8 + size2);
    }
    this.pending = Buffer.from(buf);
  }
};
function demuxed(body, sink) {
  const demux = new Demuxer(sink);
  return new Promise((resolve) => {
    body.on("data", (c) => demux.push(c));
    body.on("end", resolve);
    body.on("close", resolve);
    body.on("error", () => resolve());
  });
}

// src/engine/docker-base.ts
var DockerEngineBase = class {
  constructor(api, info, seccomp, podmanDefaultCaps = [], knownRuntimes = null) {
    this.api = api;
    this.info = info;
    this.seccomp = seccomp;
    this.podmanDefaultCaps = podmanDefaultCaps;
    this.knownRuntimes = knownRuntimes;
  }
  api;
  info;
  seccomp;
  podmanDefaultCaps;
  knownRuntimes;
  async runtimes() {
    const runtimes = this.knownRuntimes ?? (await this.api.json("GET", "/info", {}, "info")).Runtimes;
    return Object.entries(runtimes ?? {}).map(([name, r]) => ({ name, args: r?.runtimeArgs ?? [] }));
  }
};

// src/engine/docker-images.ts
function splitRef(ref) {
  const i = ref.lastIndexOf(":");
  return i > ref.lastIndexOf("/") ? { repo: ref.slice(0, i), tag: ref.slice(i + 1) } : { repo: ref, tag: "latest" };
}
var DockerImages = class extends DockerEngineBase {
  async imageInspect(ref) {
    const j = await this.api.getOrNull(
      `/images/${encodeURIComponent(ref)}/json`,
      "inspect image"
    );
    if (!j) return null;
    const c = j.Config ?? {};
    return {
      id: j.Id,
      user: c.User ?? "",
      workingDir: c.WorkingDir ?? "",
      env: c.Env ?? [],
      entrypoint: c.Entrypoint ?? null,
      cmd: c.Cmd ?? null,
      os: j.Os,
      arch: j.Architecture,
      labels: c.Labels ?? {}
    };
  }
  async imagePull(ref) {
    await this.api.progress("POST", "/images/create", { query: { fromImage: ref } }, `pull ${ref}`);
  }
  async imageBuild(context, o, progress = () => void 0) {
    const query = {
      dockerfile: o.dockerfile ?? "Dockerfile",
      buildargs: JSON.stringify(o.buildArgs ?? {}),
      labels: JSON.stringify(o.labels ?? {}),
      rm: 1,
      forcerm: 1,
      pull: o.pull ? 1 : 0,
      nocache: o.noCache ? 1 : 0,
      ...o.platform ? { platform: o.platform } : {}
    };
    const [first, ...rest] = o.tags;
    if (first) query.t = first;
    let id = "";
    await this.api.progress(
      "POST",
      "/build",
      { query, bodyStream: context, headers: { "content-type": "application/x-tar" } },
      "build image",
      (j) => {
        if (j.aux?.ID) id = j.aux.ID;
        if (j.stream) {
          const m = /Successfully built ([0-9a-f]+)/.exec(j.stream);
          if (m && !id) id = m[1];
          for (const l of j.stream.split("\n")) if (l.trim()) progress(l);
        }
      }
    );
    if (!id) throw new EngineError(this.info.name, "build image", "the engine reported no image id");
    for (const t of rest) await this.imageTag(id, t);
    return id;
  }
  async imageImport(rootfs, ref, changes) {
    const qs = new URLSearchParams({ fromSrc: "-", repo: ref });
    for (const c of changes) qs.append("changes", c);
    let id = "";
    await this.api.progress(
      "POST",
      `/images/create?${qs}`,
      { bodyStream: rootfs, headers: { "content-type": "application/x-tar" } },
      `import ${ref}`,
      (j) => {
        if (j.status && /^sha256:[0-9a-f]{64}$/.test(j.status)) id = j.status;
      }
    );
    if (!id) throw new EngineError(this.info.name, `import ${ref}`, "the engine reported no image id");
    await this.imageTag(id, ref);
  }
  async imageTag(source, ref) {
    const { repo, tag } = splitRef(ref);
    await this.api.call(
      "POST",
      `/images/${encodeURIComponent(source)}/tag`,
      { query: { repo, tag } },
      `tag ${ref}`
    );
  }
  async imagePush(ref, auth) {
    const { repo, tag } = splitRef(ref);
    const header = Buffer.from(JSON.stringify(auth ?? {})).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
    let digest = "";
    let size2 = 0;
    await this.api.progress(
      "POST",
      `/images/${encodeURIComponent(repo)}/push`,
      { query: { tag }, headers: { "x-registry-auth": header } },
      `push ${ref}`,
      (j) => {
        if (j.aux?.Digest) {
          digest = j.aux.Digest;
          size2 = j.aux.Size ?? 0;
        }
      }
    );
    if (!digest) throw new EngineError(this.info.name, `push ${ref}`, "the engine reported no digest");
    return { digest, size: size2 };
  }
};

// src/engine/http.ts
import http from "node:http";
function parseEndpoint(url) {
  if (url.startsWith("unix://")) return { url, socketPath: url.slice("unix://".length) };
  if (url.startsWith("/")) return { url: `unix://${url}`, socketPath: url };
  const m = /^(?:tcp|http):\/\/([^:/]+)(?::(\d+))?\/?$/.exec(url);
  if (m) return { url, host: m[1], port: Number(m[2] ?? 2375) };
  throw new EngineError(
    "engine",
    "connect",
    `unsupported engine address '${url}'`,
    "use unix:///path/to/socket or tcp://host:port (TLS endpoints are not supported)"
  );
}
var agents = /* @__PURE__ */ new Map();
function agentFor(ep) {
  let a = agents.get(ep.url);
  if (!a) {
    a = new http.Agent({ keepAlive: true, maxSockets: 32 });
    agents.set(ep.url, a);
  }
  return a;
}
var ApiClient = class {
  constructor(endpoint, engineName) {
    this.endpoint = endpoint;
    this.engineName = engineName;
  }
  endpoint;
  engineName;
  prefix = "";
  setApiVersion(v) {
    this.prefix = `/v${v}`;
  }
  /** Send a request; resolves with the raw streaming response (any status). */
  raw(method, path6, opts = {}, operation = `${method} ${path6}`) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== void 0) qs.set(k, String(v));
    const fullPath = `${this.prefix}${path6}${qs.size ? `?${qs}` : ""}`;
    const headers = { ...opts.headers };
    let payload;
    if (opts.body !== void 0) {
      payload = Buffer.from(JSON.stringify(opts.body));
      headers["content-type"] = "application/json";
      headers["content-length"] = String(payload.length);
    }
    const ep = this.endpoint;
    return new Promise((resolve, reject) => {
      const options = {
        method,
        path: fullPath,
        headers,
        agent: agentFor(ep),
        // No TLS here: an empty servername keeps the agent from computing one with net.isIP, whose first call
        // compiles a large regular expression (~20 ms of every CLI start, measured with --cpu-prof).
        servername: "",
        ...ep.socketPath ? { socketPath: ep.socketPath } : { host: ep.host, port: ep.port }
      };
      const req = http.request(
        options,
        (res) => resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: res })
      );
      req.on("error", (err) => reject(this.connectError(operation, err)));
      if (opts.bodyStream) {
        opts.bodyStream.on("error", (err) => req.destroy(err));
        opts.bodyStream.pipe(req);
      } else {
        req.end(payload);
      }
    });
  }
  /**
   * A request the engine answers with 101 Switching Protocols (exec with stdin): the raw connection, both ways.
   * Its own socket, never the keep-alive pool's. Any other answer becomes an EngineError.
   */
  upgrade(method, path6, body, operation) {
    const payload = Buffer.from(JSON.stringify(body));
    const ep = this.endpoint;
    return new Promise((resolve, reject) => {
      const req = http.request({
        method,
        path: `${this.prefix}${path6}`,
        headers: {
          connection: "Upgrade",
          upgrade: "tcp",
          "content-type": "application/json",
          "content-length": String(payload.length)
        },
        agent: false,
        ...ep.socketPath ? { socketPath: ep.socketPath } : { host: ep.host, port: ep.port }
      });
      req.on("upgrade", (_res, socket, head) => {
        if (head.length) socket.unshift(head);
        resolve(socket);
      });
      req.on("response", (res) => {
        readAll(res).then(
          (b) => reject(this.statusError(operation, res.statusCode ?? 0, b)),
          (err) => reject(err)
        );
      });
      req.on("error", (err) => reject(this.connectError(operation, err)));
      req.end(payload);
    });
  }
  /** Send a request and parse a JSON answer; a non-2xx status becomes an EngineError. */
  async json(method, path6, opts = {}, operation) {
    const op = operation ?? `${method} ${path6}`;
    const res = await this.raw(method, path6, opts, op);
    const text = await readAll(res.body);
    if (res.statusCode < 200 || res.statusCode >= 300) throw this.statusError(op, res.statusCode, text);
    return text.length ? JSON.parse(text.toString("utf8")) : void 0;
  }
  /** A GET whose 404 means "no such thing": null then; any other non-2xx becomes an EngineError. */
  async getOrNull(path6, operation) {
    const res = await this.raw("GET", path6, {}, operation);
    const body = await readAll(res.body);
    if (res.statusCode === 404) return null;
    if (res.statusCode < 200 || res.statusCode >= 300)
      throw this.statusError(operation, res.statusCode, body);
    return JSON.parse(body.toString("utf8"));
  }
  /**
   * A request the engine answers with a JSON-lines progress stream (pull, build, import, push): a non-200 answer
   * becomes an EngineError; a line with `error` (the engine's way to fail after its 200) too. `each` sees every line.
   */
  async progress(method, path6, opts, operation, each = () => void 0) {
    const res = await this.raw(method, path6, opts, operation);
    if (res.statusCode !== 200) throw this.statusError(operation, res.statusCode, await readAll(res.body));
    let error = null;
    for await (const j of jsonLines(res.body)) {
      if (j.error) error ??= j.error;
      each(j);
    }
    if (error) throw new EngineError(this.engineName, operation, error.trim());
  }
  /** Like json() but ignores the body. `okStatuses` lists extra statuses that count as success. */
  async call(method, path6, opts = {}, operation, okStatuses = []) {
    const op = operation ?? `${method} ${path6}`;
    const res = await this.raw(method, path6, opts, op);
    const text = await readAll(res.body);
    if ((res.statusCode < 200 || res.statusCode >= 300) && !okStatuses.includes(res.statusCode)) {
      throw this.statusError(op, res.statusCode, text);
    }
    return res.statusCode;
  }
  statusError(operation, status, body) {
    let detail = body.toString("utf8").trim();
    try {
      const parsed = JSON.parse(detail);
      if (parsed.message) detail = parsed.message;
    } catch {
    }
    return new EngineError(
      this.engineName,
      operation,
      `${detail || "no detail"} (HTTP ${status})`,
      hintFor(status, this.engineName),
      status
    );
  }
  connectError(operation, err) {
    const where = this.endpoint.url;
    if (err.code === "ENOENT" || err.code === "ECONNREFUSED") {
      return new EngineError(
        this.engineName,
        operation,
        `no engine answers at ${where}`,
        "start it (`sudo systemctl start docker`, or `sudo scripts/engine-up.sh` here) or set DOCKER_HOST"
      );
    }
    if (err.code === "EACCES") {
      return new EngineError(
        this.engineName,
        operation,
        `permission denied on ${where}`,
        "add your user to the docker group or run with sudo"
      );
    }
    return new EngineError(this.engineName, operation, `${err.code ?? ""} ${err.message}`.trim());
  }
};
function hintFor(status, engine = "docker") {
  if (status === 404)
    return "it no longer exists: another process (or `sandbox-action gc`) may have removed it";
  if (status === 409)
    return "it is in use or in the wrong state: `sandbox-action gc` removes leftovers of crashed runs";
  if (status === 400)
    return "the engine refused the request: check the engine version (Docker 20.10+) and the options";
  if (status === 401 || status === 403) return "the engine refused access: check the socket permissions";
  if (status >= 500)
    return engine === "podman" ? "the engine failed: see the log of `podman system service` (journalctl --user -u podman, or where its output goes)" : "the engine failed: see its log (journalctl -u docker, or /var/log/dockerd.log)";
  return "";
}
var LineBuffer = class {
  /** `maxPending`: an unfinished line longer than this is dropped (a peer that never ends its line). */
  constructor(maxPending = Infinity) {
    this.maxPending = maxPending;
  }
  maxPending;
  pending = "";
  /** The lines this chunk completes. */
  push(text) {
    const lines = (this.pending + text).split("\n");
    this.pending = lines.pop();
    if (this.pending.length > this.maxPending) this.pending = "";
    return lines;
  }
  /** What came after the last newline. */
  rest() {
    const r = this.pending;
    this.pending = "";
    return r;
  }
};
async function* jsonLines(body) {
  const lines = new LineBuffer();
  for await (const chunk of body) {
    for (const line of lines.push(chunk.toString("utf8")))
      if (line.trim()) yield JSON.parse(line);
  }
  const last = lines.rest();
  if (last.trim()) yield JSON.parse(last);
}
async function readAll(stream, limit = 64 * 1024 * 1024) {
  const chunks = [];
  let n = 0;
  try {
    for await (const chunk of stream) {
      const b = chunk;
      n += b.length;
      if (n > limit) {
        stream.destroy();
        throw new ProtocolError(`answer larger than ${limit} bytes`);
      }
      chunks.push(b);
    }
  } catch (err) {
    const e = err;
    if (e.code === "ECONNRESET" || e.message === "aborted")
      throw new EngineError(
        "engine",
        "read an answer",
        `the connection to the engine was cut (${e.code ?? e.message})`,
        "is the engine still running? `sandbox-action gc` removes what the run left"
      );
    throw err;
  }
  return Buffer.concat(chunks);
}

// src/engine/events.ts
async function followContainerEvents(api, id, actions, sink) {
  const filters = JSON.stringify({ container: [id] });
  const res = await api.raw("GET", "/events", { query: { filters } }, "follow events");
  if (res.statusCode !== 200) throw api.statusError("follow events", res.statusCode, await readAll(res.body));
  const ended = (async () => {
    try {
      for await (const line of jsonLines(res.body)) {
        const action = line.Action ?? line.status ?? "";
        const actor = line.Actor?.ID ?? line.id ?? "";
        if (actor !== id || !actions.includes(action)) continue;
        sink({ action, attributes: { ...line.Actor?.Attributes ?? {} } });
      }
    } catch {
    }
  })();
  return { ended, close: () => res.body.destroy() };
}
async function pingEngine(api) {
  try {
    const res = await api.raw("GET", "/_ping", {}, "ping");
    await readAll(res.body);
    return res.statusCode === 200;
  } catch {
    return false;
  }
}

// src/engine/docker-containers.ts
function toMountsBody(specMounts) {
  const tmpfs = {};
  const mounts = [];
  for (const m of specMounts) {
    if (m.type === "tmpfs") {
      const t = m.tmpfs;
      tmpfs[m.target] = [...t.options, `size=${t.sizeBytes}`, `mode=${t.mode.toString(8)}`].join(",");
    } else {
      mounts.push({
        Type: m.type,
        Source: m.source,
        Target: m.target,
        ReadOnly: m.readOnly,
        // Never copy the image's files or the mount point's owner into a volume: it starts empty, ours.
        ...m.type === "volume" ? { VolumeOptions: { NoCopy: true } } : {},
        ...m.type === "bind" ? { BindOptions: { Propagation: "rprivate" } } : {}
      });
    }
  }
  return { mounts, tmpfs };
}
function toContainerBody(s) {
  const { mounts, tmpfs } = toMountsBody(s.mounts);
  return {
    Image: s.image,
    Cmd: s.cmd,
    ...s.entrypoint ? { Entrypoint: s.entrypoint } : {},
    User: s.user,
    WorkingDir: s.workingDir,
    Env: s.env,
    Labels: s.labels,
    Tty: s.tty,
    OpenStdin: s.openStdin === true,
    StdinOnce: false,
    AttachStdin: false,
    AttachStdout: true,
    AttachStderr: true,
    ...s.hostname ? { Hostname: s.hostname } : {},
    HostConfig: {
      Mounts: mounts,
      Tmpfs: tmpfs,
      ReadonlyRootfs: s.readOnlyRootfs,
      CapDrop: s.capDrop,
      CapAdd: s.capAdd,
      SecurityOpt: s.securityOpt,
      Init: s.init,
      Privileged: s.privileged,
      NetworkMode: s.networkMode,
      Memory: s.memoryBytes,
      MemorySwap: s.memorySwapBytes,
      NanoCpus: s.nanoCpus,
      PidsLimit: s.pidsLimit,
      Ulimits: s.ulimits.map((u) => ({ Name: u.name, Soft: u.soft, Hard: u.hard })),
      ...s.runtime ? { Runtime: s.runtime } : {},
      LogConfig: { Type: s.logDriver.type, Config: s.logDriver.config },
      ExtraHosts: s.extraHosts ?? [],
      ...s.dns ? { Dns: s.dns } : {},
      ...s.sysctls ? { Sysctls: s.sysctls } : {},
      Devices: [],
      IpcMode: "private",
      PidMode: "",
      UsernsMode: "",
      AutoRemove: false
    }
  };
}
function toInspectedContainer(j, runtime, engine) {
  const { podman, seccomp } = engine;
  const h = j.HostConfig;
  const caps = podman ? podmanCapabilities(h.CapDrop ?? [], h.CapAdd ?? [], engine.podmanDefaultCaps) : { capDrop: h.CapDrop ?? [], capAdd: h.CapAdd ?? [] };
  return {
    user: j.Config.User ?? "",
    entrypoint: j.Config.Entrypoint ?? null,
    cmd: j.Config.Cmd ?? null,
    readOnlyRootfs: h.ReadonlyRootfs === true,
    privileged: h.Privileged === true,
    capDrop: caps.capDrop,
    capAdd: caps.capAdd,
    securityOpt: h.SecurityOpt ?? [],
    engineSeccomp: seccomp,
    networkMode: podman ? podmanNetworkMode(h.NetworkMode, Object.keys(j.NetworkSettings?.Networks ?? {})) : h.NetworkMode ?? "",
    memoryBytes: h.Memory ?? 0,
    memorySwapBytes: h.MemorySwap ?? 0,
    nanoCpus: h.NanoCpus ?? 0,
    pidsLimit: h.PidsLimit ?? null,
    ulimits: (h.Ulimits ?? []).map(podmanUlimit),
    runtime: runtime ?? h.Runtime ?? "runc",
    init: h.Init === true,
    pidMode: podman ? podmanPidMode(h.PidMode) : h.PidMode ?? "",
    usernsMode: h.UsernsMode ?? "",
    devices: (h.Devices ?? []).length,
    mounts: (j.Mounts ?? []).map((m) => ({
      type: m.Type,
      source: m.Type === "volume" ? m.Name ?? m.Source : m.Source,
      target: m.Destination,
      readOnly: !m.RW
    })),
    tmpfs: h.Tmpfs ?? {}
  };
}
var DockerContainers = class extends DockerImages {
  async createContainer(spec) {
    const j = await this.api.json(
      "POST",
      "/containers/create",
      {
        query: { name: spec.name },
        body: toContainerBody(coverReadOnlyTmpfs(spec, this.info.readOnlyTmpfs))
      },
      "create container"
    );
    return j.Id;
  }
  async startContainer(id) {
    await this.api.call("POST", `/containers/${id}/start`, {}, "start container", [304]);
  }
  /**
   * Registers a wait for the next exit and resolves once the engine has registered it (it flushes the
   * answer's headers then), so a container started afterwards cannot exit unseen.
   */
  async watchExit(id) {
    const res = await this.api.raw(
      "POST",
      `/containers/${id}/wait`,
      { query: { condition: "next-exit" } },
      "wait"
    );
    if (res.statusCode !== 200) throw this.api.statusError("wait", res.statusCode, await readAll(res.body));
    const exit = readAll(res.body).then((b) => {
      const j = JSON.parse(b.toString("utf8"));
      return j.StatusCode;
    });
    exit.catch(() => void 0);
    return { exit, cancel: () => res.body.destroy() };
  }
  followEvents(id, actions, sink) {
    return followContainerEvents(this.api, id, actions, sink);
  }
  ping() {
    return pingEngine(this.api);
  }
  async waitContainer(id) {
    const j = await this.api.json(
      "POST",
      `/containers/${id}/wait`,
      { query: { condition: "not-running" } },
      "wait"
    );
    return j.StatusCode;
  }
  async killContainer(id, signal = "KILL") {
    await this.api.call(
      "POST",
      `/containers/${id}/kill`,
      { query: { signal } },
      "kill container",
      [404, 409]
    );
  }
  async inspectContainer(id) {
    const j = await this.api.json("GET", `/containers/${id}/json`, {}, "inspect container");
    return {
      running: j.State.Running,
      exitCode: j.State.ExitCode,
      oomKilled: j.State.OOMKilled,
      error: j.State.Error,
      startedAt: j.State.StartedAt,
      finishedAt: j.State.FinishedAt
    };
  }
  async inspectCreated(id) {
    const podman = this.info.name === "podman";
    const [j, runtime] = await Promise.all([
      this.api.json("GET", `/containers/${id}/json`, {}, "inspect container"),
      // Podman's compatible inspect says `oci` for every runtime; its own inspect names the one it will run.
      podman ? this.api.json("GET", `/libpod/containers/${id}/json`, {}, "inspect container").then((l) => l.OCIRuntime ?? "") : null
    ]);
    return toInspectedContainer(j, runtime, {
      podman,
      seccomp: this.seccomp,
      podmanDefaultCaps: this.podmanDefaultCaps
    });
  }
  async removeContainer(id) {
    if (this.info.name === "podman") await this.killContainer(id, "KILL").catch(() => void 0);
    await this.api.call(
      "DELETE",
      `/containers/${id}`,
      { query: { force: 1, v: 1 } },
      "remove container",
      [404]
    );
  }
};

// src/engine/docker-streams.ts
var DockerStreams = class extends DockerContainers {
  async attach(id, sink) {
    const res = await this.api.raw(
      "POST",
      `/containers/${id}/attach`,
      { query: { stream: 1, stdout: 1, stderr: 1, logs: 0 } },
      "attach"
    );
    if (res.statusCode !== 200) throw this.api.statusError("attach", res.statusCode, await readAll(res.body));
    return { done: demuxed(res.body, sink), close: () => res.body.destroy() };
  }
  async exec(id, cmd, opts = {}) {
    const created = await this.api.json(
      "POST",
      `/containers/${id}/exec`,
      { body: { Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: false, User: opts.user ?? "" } },
      "exec"
    );
    const res = await this.api.raw(
      "POST",
      `/exec/${created.Id}/start`,
      { body: { Detach: false, Tty: false } },
      "exec"
    );
    if (res.statusCode !== 200) throw this.api.statusError("exec", res.statusCode, await readAll(res.body));
    const out = [];
    const err = [];
    const demux = new Demuxer((s, b) => (s === "stdout" ? out : err).push(Buffer.from(b)));
    for await (const chunk of res.body) demux.push(chunk);
    const inspect = await this.api.json("GET", `/exec/${created.Id}/json`, {}, "exec");
    return {
      exitCode: inspect.ExitCode,
      stdout: Buffer.concat(out).toString("utf8"),
      stderr: Buffer.concat(err).toString("utf8")
    };
  }
  async execCreate(id, spec, tty) {
    const created = await this.api.json(
      "POST",
      `/containers/${id}/exec`,
      {
        body: {
          Cmd: spec.cmd,
          User: spec.user,
          Env: spec.env ?? [],
          ...spec.workingDir ? { WorkingDir: spec.workingDir } : {},
          AttachStdin: tty,
          AttachStdout: true,
          AttachStderr: true,
          Tty: tty,
          Privileged: false
        }
      },
      "exec"
    );
    return created.Id;
  }
  async execStream(id, spec, sink) {
    const execId = await this.execCreate(id, spec, false);
    const res = await this.api.raw(
      "POST",
      `/exec/${execId}/start`,
      { body: { Detach: false, Tty: false } },
      "exec"
    );
    if (res.statusCode !== 200) throw this.api.statusError("exec", res.statusCode, await readAll(res.body));
    return { id: execId, done: demuxed(res.body, sink), close: () => res.body.destroy() };
  }
  async execInspect(execId) {
    const j = await this.api.json(
      "GET",
      `/exec/${execId}/json`,
      {},
      "inspect exec"
    );
    return { running: j.Running, exitCode: j.Running ? null : j.ExitCode };
  }
  async execInteractive(id, spec, size2) {
    const execId = await this.execCreate(id, spec, true);
    const stream = await this.api.upgrade(
      "POST",
      `/exec/${execId}/start`,
      { Detach: false, Tty: true },
      "exec"
    );
    const resize = async (rows, cols) => {
      await this.api.call(
        "POST",
        `/exec/${execId}/resize`,
        { query: { h: rows, w: cols } },
        "resize exec",
        [404, 409, 500]
      );
    };
    await resize(size2.rows, size2.cols);
    return { id: execId, stream, resize };
  }
  async top(id, psArgs) {
    const j = await this.api.json(
      "GET",
      `/containers/${id}/top`,
      { query: psArgs ? { ps_args: psArgs } : {} },
      "list processes"
    );
    return { titles: j.Titles ?? [], processes: j.Processes ?? [] };
  }
  async putArchive(id, path6, tar3) {
    await this.api.call(
      "PUT",
      `/containers/${id}/archive`,
      {
        query: { path: path6, noOverwriteDirNonDir: 1 },
        bodyStream: tar3,
        headers: { "content-type": "application/x-tar" }
      },
      `copy into ${path6}`
    );
  }
  async getArchive(id, path6) {
    const res = await this.api.raw(
      "GET",
      `/containers/${id}/archive`,
      { query: { path: path6 } },
      `copy out of ${path6}`
    );
    if (res.statusCode !== 200)
      throw this.api.statusError(`copy out of ${path6}`, res.statusCode, await readAll(res.body));
    return this.info.name === "podman" ? archiveUnderBase(res.body, posix.basename(path6)) : res.body;
  }
  async statPath(id, path6) {
    const res = await this.api.raw("HEAD", `/containers/${id}/archive`, { query: { path: path6 } }, `stat ${path6}`);
    const body = await readAll(res.body);
    if (res.statusCode === 404) return null;
    if (res.statusCode !== 200) throw this.api.statusError(`stat ${path6}`, res.statusCode, body);
    const header = res.headers["x-docker-container-path-stat"];
    if (typeof header !== "string")
      throw new EngineError(this.info.name, `stat ${path6}`, "the engine sent no path stat");
    const j = JSON.parse(Buffer.from(header, "base64").toString("utf8"));
    return {
      name: String(j.name ?? ""),
      size: Number(j.size ?? 0),
      mode: Number(j.mode ?? 0),
      linkTarget: String(j.linkTarget ?? "")
    };
  }
};

// src/engine/identify.ts
var one = (h) => (Array.isArray(h) ? h[0] : h)?.trim() ?? "";
function pingIdentity(h) {
  const api = one(h["api-version"]);
  const server = /^(Docker|Libpod)\/(\S+)(?:\s|$)/.exec(one(h.server));
  if (!/^\d+\.\d+$/.test(api) || !server) return null;
  const podman = server[1] === "Libpod";
  if (podman !== (one(h["libpod-api-version"]) !== "")) return null;
  return { api, podman, version: server[2] };
}
var GO_ARCH = {
  x86_64: "amd64",
  amd64: "amd64",
  aarch64: "arm64",
  arm64: "arm64",
  armv7l: "arm",
  armv6l: "arm",
  i386: "386",
  i686: "386",
  ppc64le: "ppc64le",
  s390x: "s390x",
  riscv64: "riscv64"
};
function versionFromPing(p, info) {
  const arch = info.Architecture ? GO_ARCH[info.Architecture] : void 0;
  if (!info.OSType || !arch) return null;
  return {
    Version: p.version,
    ApiVersion: p.api,
    Os: info.OSType,
    Arch: arch,
    Components: p.podman ? [{ Name: "Podman Engine", Version: p.version }] : []
  };
}

// src/engine/docker.ts
var CLIENT_MAX_API = "1.47";
var CLIENT_MIN_API = "1.41";
function compareApi(a, b) {
  const [am, an] = a.split(".").map(Number);
  const [bm, bn] = b.split(".").map(Number);
  return am - bm || an - bn;
}
async function identify(client, early) {
  const fromPing = await client.raw("GET", "/_ping", {}, "ping").then(async (res) => {
    await readAll(res.body);
    const p = res.statusCode === 200 ? pingIdentity(res.headers) : null;
    return p ? versionFromPing(p, await early) : null;
  }).catch(() => null);
  return fromPing ?? client.json("GET", "/version", {}, "version");
}
async function connectEngine(endpoints, choice = "auto") {
  let firstErr;
  for (const url of endpoints) {
    const client = new ApiClient(parseEndpoint(url), "engine");
    try {
      const early = client.json("GET", "/info", {}, "info");
      early.catch(() => void 0);
      const v = await identify(client, early);
      const { name, isPodman, api } = fitEngine(v, url, choice);
      const c = new ApiClient(client.endpoint, name);
      c.setApiVersion(api);
      const [info, podman] = await Promise.all([
        early.catch(() => c.json("GET", "/info", {}, "info")),
        isPodman ? c.json("GET", "/libpod/info", {}, "info").then(parsePodmanInfo) : null
      ]);
      const securityOptions = info.SecurityOptions ?? [];
      return new DockerApiEngine(
        c,
        engineInfo(v, client.endpoint, { name, api, info, podman, securityOptions }),
        securityOptions.some((o) => /(^|,)name=seccomp(,|$)/.test(o)),
        podman?.defaultCapabilities ?? [],
        info.Runtimes ?? null
      );
    } catch (err) {
      if (err instanceof InputError || err instanceof EngineError && err.engine !== "engine") throw err;
      firstErr ??= err;
    }
  }
  failNoEngine(firstErr, endpoints, choice);
}
function fitEngine(v, url, choice) {
  const isPodman = (v.Components ?? []).some((c) => /podman/i.test(c.Name));
  const name = isPodman ? "podman" : "docker";
  if (choice !== "auto" && choice !== name) {
    throw new InputError(
      "--engine",
      `${choice}: the engine at ${url} is ${name} ${v.Version}; pass --engine ${name}, or point ${choice === "podman" ? "CONTAINER_HOST" : "DOCKER_HOST"} at a ${choice} socket`
    );
  }
  if (compareApi(v.ApiVersion, CLIENT_MIN_API) < 0) {
    throw new EngineError(
      name,
      "version",
      `engine API ${v.ApiVersion} is older than ${CLIENT_MIN_API}`,
      "upgrade to Docker 20.10 or later, or Podman 3 or later"
    );
  }
  const api = compareApi(v.ApiVersion, CLIENT_MAX_API) > 0 ? CLIENT_MAX_API : v.ApiVersion;
  return { name, isPodman, api };
}
function engineInfo(v, endpoint, a) {
  const { podman, info, securityOptions } = a;
  return {
    name: a.name,
    version: v.Version,
    apiVersion: a.api,
    os: v.Os,
    arch: v.Arch,
    endpoint: endpoint.url,
    local: endpoint.socketPath !== void 0,
    rootless: podman ? podman.rootless : securityOptions.some((o) => /(^|,)name=rootless(,|$)/.test(o)),
    cgroupVersion: podman ? podman.cgroupVersion : info.CgroupVersion ? `v${info.CgroupVersion}` : "",
    readOnlyTmpfs: podman ? PODMAN_READ_ONLY_TMPFS : []
  };
}
function failNoEngine(firstErr, endpoints, choice) {
  if (firstErr instanceof EngineError) {
    if (choice === "podman") throw new InputError("--engine", `podman: ${noPodmanHint(endpoints)}`);
    throw new EngineError(
      "docker",
      "connect",
      `no engine answers at ${endpoints.join(" or ")}`,
      "start it (`sudo systemctl start docker`, or `sudo scripts/engine-up.sh` here) or set DOCKER_HOST"
    );
  }
  throw firstErr;
}
function labelFilter(label) {
  return JSON.stringify({ label: [label] });
}
var DockerApiEngine = class extends DockerStreams {
  async createVolume(spec) {
    await this.api.json(
      "POST",
      "/volumes/create",
      { body: { Name: spec.name, Driver: spec.driver, DriverOpts: spec.driverOpts, Labels: spec.labels } },
      "create volume"
    );
  }
  async removeVolume(name) {
    await this.api.call(
      "DELETE",
      `/volumes/${encodeURIComponent(name)}`,
      { query: { force: 1 } },
      "remove volume",
      [404]
    );
  }
  async createNetwork(spec) {
    const j = await this.api.json(
      "POST",
      "/networks/create",
      {
        body: {
          Name: spec.name,
          CheckDuplicate: true,
          Driver: "bridge",
          Internal: spec.internal,
          EnableIPv6: spec.enableIPv6,
          Options: spec.options,
          Labels: spec.labels
        }
      },
      "create network"
    );
    return j.Id;
  }
  async connectNetwork(network, container, opts = {}) {
    await this.api.call(
      "POST",
      `/networks/${network}/connect`,
      {
        body: {
          Container: container,
          EndpointConfig: {
            Aliases: opts.aliases ?? [],
            ...opts.ipv4 ? { IPAMConfig: { IPv4Address: opts.ipv4 } } : {}
          }
        }
      },
      "connect network"
    );
  }
  async inspectNetwork(idOrName) {
    const j = await this.api.getOrNull(
      `/networks/${encodeURIComponent(idOrName)}`,
      "inspect network"
    );
    if (!j) return null;
    const cfg = (j.IPAM?.Config ?? []).filter((c) => c.Subnet && !c.Subnet.includes(":"));
    return {
      id: j.Id,
      name: j.Name,
      internal: j.Internal,
      subnets: cfg.map((c) => c.Subnet),
      // Podman names an internal network's missing gateway `<nil>`.
      gateways: cfg.flatMap((c) => c.Gateway && c.Gateway !== "<nil>" ? [c.Gateway] : []),
      options: j.Options ?? {},
      driver: j.Driver ?? "",
      enableIPv6: j.EnableIPv6 === true,
      labels: j.Labels ?? {}
    };
  }
  async containerAddresses(id) {
    const j = await this.api.json("GET", `/containers/${id}/json`, {}, "inspect container");
    const out = {};
    for (const [name, n] of Object.entries(j.NetworkSettings?.Networks ?? {})) {
      if (n.IPAddress) out[name] = n.IPAddress;
    }
    return out;
  }
  async removeNetwork(id) {
    await this.api.call("DELETE", `/networks/${id}`, {}, "remove network", [404]);
  }
  async listLabelled(label) {
    const filters = labelFilter(label);
    const [containers, volumes, networks] = await Promise.all([
      this.api.json(
        "GET",
        "/containers/json",
        { query: { all: 1, filters } },
        "list containers"
      ),
      this.api.json(
        "GET",
        "/volumes",
        { query: { filters } },
        "list volumes"
      ),
      this.api.json(
        "GET",
        "/networks",
        { query: { filters } },
        "list networks"
      )
    ]);
    return [
      ...containers.map((c) => ({
        kind: "container",
        id: c.Id,
        name: (c.Names[0] ?? c.Id).replace(/^\//, ""),
        labels: c.Labels ?? {}
      })),
      ...(volumes.Volumes ?? []).map((v) => ({
        kind: "volume",
        id: v.Name,
        name: v.Name,
        labels: v.Labels ?? {}
      })),
      ...networks.map((n) => ({ kind: "network", id: n.Id, name: n.Name, labels: n.Labels ?? {} }))
    ];
  }
};

// src/outputs/collect.ts
var import_tar_stream2 = __toESM(require_tar_stream(), 1);

// src/outputs/dest-writer.ts
import fs from "node:fs";
var O_CREATE_NEW = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW;

// src/verdict/schema.ts
var LIMITS = {
  fileBytes: 10 * 1024 * 1024,
  annotations: 1e4,
  message: 64 * 1024,
  title: 1024,
  path: 1024,
  line: 4096,
  judges: 32,
  notes: 200,
  facts: 32
};

// src/cli/door.ts
function processContext() {
  return {
    env: process.env,
    cwd: process.cwd(),
    cpus: os.availableParallelism(),
    isRoot: process.getuid?.() === 0
  };
}
function connect(ctx, choice = "auto") {
  return connectEngine(endpointsFor(choice, ctx.env), choice);
}
var hosts = /* @__PURE__ */ new Map();
function volumeHostFor(ctx) {
  const dir = ctx.env.SANDBOX_ACTION_STATE_DIR || path2.join(os.tmpdir(), "sandbox-action");
  const shared = ctx.env.ACT !== "true";
  const key = JSON.stringify([dir, ctx.isRoot, shared]);
  let host = hosts.get(key);
  if (!host) hosts.set(key, host = defaultVolumeHost(dir, ctx.isRoot, shared, true));
  return host;
}
var randomId = () => randomBytes(4).toString("hex");

// src/comparator/projects.ts
import fs2 from "node:fs";
import fsp3 from "node:fs/promises";
import os2 from "node:os";
import path4 from "node:path";

// src/comparator/run.ts
import { spawn as spawn2 } from "node:child_process";
import { randomBytes as randomBytes2 } from "node:crypto";
import fsp2 from "node:fs/promises";
import path3 from "node:path";

// src/config/units.ts
var SIZE_UNITS = {
  "": 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
  tib: 1024 ** 4
};

// presets/agent.json
var agent_default = {
  name: "agent",
  description: "A CLI coding agent (Claude Code, or any agent installed in the image) working on /work with no egress but its API: the proxy serves http://<proxy>/anthropic/… as https://api.anthropic.com/… with x-api-key from the host's ANTHROPIC_API_KEY; the sandbox gets ANTHROPIC_BASE_URL and a placeholder key, never the real one. Give the agent's command after --; other agents take their own --secret-route.",
  image: "agent",
  command: ["claude", "-p", "--help"],
  network: "proxy",
  allowPresets: [],
  annotate: null,
  outputs: [],
  options: {
    timeout: "2h",
    "secret-route": ["anthropic=https://api.anthropic.com,header=x-api-key,env=ANTHROPIC_API_KEY"]
  },
  loosens: ["--secret-route"],
  env: ["ANTHROPIC_API_KEY=sandbox-action-placeholder-the-proxy-sets-the-real-key", "HOME=/tmp"],
  requiredJudges: ["exit-code"]
};

// presets/lean-proof.json
var lean_proof_default = {
  name: "lean-proof",
  description: "A Lean proof checked by comparator on the trusted side: the challenge, its imports, the lakefile, toolchain and comparator config from --challenge (the base branch) mounted read-only; a setup phase fetches the Mathlib olean cache through the egress proxy (lean allowlist) when the trusted manifest needs Mathlib; an advisory lake build (its messages become annotations) in a fresh container with no network; then comparator, every build and export of it in its own sandbox (sandbox-action landrun), its exit code and output the verdict.",
  image: "lean",
  entrypoint: "sh",
  command: ["-c", "lake build"],
  network: "none",
  setup: {
    command: `if grep -qi '"name": *"mathlib"' lake-manifest.json 2>/dev/null; then lake exe cache get; else echo 'lean-proof setup: no Mathlib in lake-manifest.json, no cache to fetch'; fi`,
    network: "proxy"
  },
  allowPresets: ["lean"],
  annotate: "lean",
  outputs: [],
  audit: {
    allowAxioms: ["propext", "Classical.choice", "Quot.sound"]
  },
  options: {
    timeout: "60m",
    memory: "8g"
  },
  requiredJudges: ["exit-code", "challenge", "comparator"],
  lean: {
    judge: "comparator",
    config: "config.json"
  }
};

// presets/lean4.json
var lean4_default = {
  name: "lean4",
  description: "A pull request to the lean4 compiler: the release build with ccache kept in /state, then ctest (label filter: --ctest-label).",
  image: "lean4-dev",
  entrypoint: "sh",
  command: [
    "-c",
    'cmake --preset release && make -C build/release -j"$(nproc)" && ctest --test-dir build/release/stage1 -j"$(nproc)" --output-on-failure -L "${CTEST_LABEL:-.}"'
  ],
  network: "none",
  allowPresets: [],
  annotate: "gcc",
  outputs: [],
  options: {
    timeout: "120m",
    memory: "12g",
    "state-size": "20g",
    "work-size": "40g",
    env: ["CCACHE_DIR=/state/ccache"]
  },
  requiredJudges: ["exit-code"]
};

// presets/python-tests.json
var python_tests_default = {
  name: "python-tests",
  description: "Trusted tests against untrusted code: pytest in isolated mode (-I: no user site, no /work on sys.path at start-up), no plugin autoload, the tests, conftest.py files and pytest config from --tests (the base branch) mounted read-only over /work, JUnit XML as declared evidence judged on the trusted side.",
  image: "python-sandbox",
  entrypoint: "python",
  command: [
    "-I",
    "-B",
    "/sandbox-action/pytest/run.py",
    "/output/junit.xml",
    "--",
    "-p",
    "no:cacheprovider",
    "-q"
  ],
  network: "none",
  setup: { network: "proxy" },
  allowPresets: ["pypi"],
  annotate: null,
  outputs: ["junit.xml"],
  junit: "junit.xml",
  tests: {
    runner: "pytest",
    paths: ["tests"]
  },
  options: {
    timeout: "20m"
  },
  env: ["PYTEST_DISABLE_PLUGIN_AUTOLOAD=1"],
  requiredJudges: ["exit-code", "declared-outputs", "junit"]
};

// src/config/option-table.ts
var GiB = 1024 ** 3;
var MiB = 1024 ** 2;
var DEFAULTS = {
  timeoutMs: 60 * 6e4,
  memoryBytes: 2 * GiB,
  cpus: 2,
  pids: 512,
  nofile: 8192,
  fsizeBytes: 4 * GiB,
  tmpSizeBytes: 512 * MiB,
  workSizeBytes: 20 * GiB,
  outputSizeBytes: 2 * GiB,
  stateSizeBytes: 5 * GiB,
  maxStateFiles: 2e5,
  maxOutputBytes: 1 * GiB,
  maxOutputFiles: 1e4,
  maxOutputFileBytes: 512 * MiB,
  logLimitBytes: 64 * MiB
};

// src/config/presets.ts
var RUN_PRESETS = Object.fromEntries(
  [python_tests_default, lean_proof_default, lean4_default, agent_default].map((p) => [p.name, p])
);

// src/config/mounts.ts
var DEFAULT_PERSIST_BYTES = 1024 ** 3;
var DEFAULT_IDLE_TTL_MS = 15 * 6e4;

// src/egress/policy.ts
import net from "node:net";
var SPECIAL = [
  ["unspecified", "0.0.0.0", 8, "ipv4"],
  ["private", "10.0.0.0", 8, "ipv4"],
  ["cgnat", "100.64.0.0", 10, "ipv4"],
  ["loopback", "127.0.0.0", 8, "ipv4"],
  ["link-local", "169.254.0.0", 16, "ipv4"],
  // 169.254.169.254: cloud metadata
  ["private", "172.16.0.0", 12, "ipv4"],
  ["reserved", "192.0.0.0", 24, "ipv4"],
  ["documentation", "192.0.2.0", 24, "ipv4"],
  ["private", "192.168.0.0", 16, "ipv4"],
  ["benchmarking", "198.18.0.0", 15, "ipv4"],
  ["documentation", "198.51.100.0", 24, "ipv4"],
  ["documentation", "203.0.113.0", 24, "ipv4"],
  ["multicast", "224.0.0.0", 4, "ipv4"],
  ["reserved", "240.0.0.0", 4, "ipv4"],
  // and 255.255.255.255
  ["metadata", "168.63.129.16", 32, "ipv4"],
  // Azure's host endpoint, used by GitHub's runners
  ["unspecified", "::", 128, "ipv6"],
  ["loopback", "::1", 128, "ipv6"],
  ["ipv4-compatible", "::", 96, "ipv6"],
  ["nat64", "64:ff9b::", 96, "ipv6"],
  ["nat64", "64:ff9b:1::", 48, "ipv6"],
  ["discard", "100::", 64, "ipv6"],
  ["teredo", "2001::", 32, "ipv6"],
  ["documentation", "2001:db8::", 32, "ipv6"],
  ["6to4", "2002::", 16, "ipv6"],
  ["private", "fc00::", 7, "ipv6"],
  ["link-local", "fe80::", 10, "ipv6"],
  ["site-local", "fec0::", 10, "ipv6"],
  ["multicast", "ff00::", 8, "ipv6"]
];
var specialLists = SPECIAL.map(([name, addr, prefix, family]) => {
  const b = new net.BlockList();
  b.addSubnet(addr, prefix, family);
  return { name, b };
});

// src/egress/config.ts
var PROXY_PORT = 3128;
var PROXY_DEFAULTS = {
  port: PROXY_PORT,
  maxHeaderBytes: 16 * 1024,
  maxConnections: 512,
  idleTimeoutMs: 12e4
};

// src/egress/presets/debian.json
var debian_default = {
  name: "debian",
  description: "Debian's package mirrors as apt reaches them by default (deb.debian.org and its security archive).",
  domains: ["deb.debian.org", "security.debian.org"],
  includes: []
};

// src/egress/presets/github.json
var github_default = {
  name: "github",
  description: "GitHub's web, API, git over HTTPS, archives, release assets and raw files.",
  domains: [
    "github.com",
    "api.github.com",
    "codeload.github.com",
    "objects.githubusercontent.com",
    "raw.githubusercontent.com",
    "release-assets.githubusercontent.com"
  ],
  includes: []
};

// src/egress/presets/lean.json
var lean_default = {
  name: "lean",
  description: "Lean toolchains through elan (GitHub releases and the Lean release index) and Mathlib's olean cache (`lake exe cache get`).",
  domains: [
    "release.lean-lang.org",
    "releases.lean-lang.org",
    "reservoir.lean-lang.org",
    "lakecache.blob.core.windows.net",
    "mathlib4.lean-cache.cloud"
  ],
  includes: ["github"],
  sources: {
    "release.lean-lang.org": "elan 4 resolves channels (stable, nightly) through the release index here",
    "releases.lean-lang.org": "toolchain downloads redirect from here to GitHub's release assets",
    "reservoir.lean-lang.org": 'Lake resolves registry requires (`require "leanprover-community" / "mathlib"`) here',
    "lakecache.blob.core.windows.net": "Mathlib Cache/Requests.lean: the Azure cache URL, https://lakecache.blob.core.windows.net/mathlib4",
    "mathlib4.lean-cache.cloud": "Mathlib Cache/Requests.lean: the FRO cache URL, used when useFROCache is true"
  }
};

// src/egress/presets/pypi.json
var pypi_default = {
  name: "pypi",
  description: "The Python Package Index: the simple index and the files it links to.",
  domains: ["pypi.org", "files.pythonhosted.org"],
  includes: []
};

// src/egress/presets.ts
var PRESETS = Object.fromEntries(
  [github_default, lean_default, pypi_default, debian_default].map((p) => [p.name, p])
);

// src/config/option-sections.ts
var MAX_TIMEOUT_MS = 7 * 24 * 36e5;

// src/config/loosened.ts
var RECORDERS = {
  "allow-root": (spec) => spec.security.allowRoot ? [{ option: "--allow-root", effect: "the command may run as uid 0" }] : [],
  "writable-root": (spec) => spec.security.writableRoot ? [{ option: "--writable-root", effect: "the root filesystem is writable" }] : [],
  "tmp-exec": (spec) => spec.security.tmpExec ? [{ option: "--tmp-exec", effect: "files in /tmp may be executed" }] : [],
  "cap-add": (spec) => spec.security.capAdd.map((c) => ({ option: `--cap-add ${c}`, effect: `capability ${c} is granted` })),
  network: (spec) => spec.network === "open" ? [{ option: "--network open", effect: "the build has unrestricted network access" }] : [],
  "allow-cidr": (spec) => (spec.egress?.allowCidrs ?? []).map((c) => ({
    option: `--allow-cidr ${c}`,
    effect: `the proxy may connect to ${c}, private or not`
  })),
  "egress-network": (spec) => spec.egress?.egressNetwork ? [
    {
      option: `--egress-network ${spec.egress.egressNetwork}`,
      effect: "the proxy's outside is a network other containers may share"
    }
  ] : [],
  "proxy-image": (spec) => spec.egress?.proxyImage ? [
    {
      option: `--proxy-image ${spec.egress.proxyImage}`,
      effect: "the enforcement point is an image of the caller's, not this version's proxy"
    }
  ] : [],
  egress: (spec) => spec.egress?.mode === "audit" ? [{ option: "--egress audit", effect: "the proxy lets any public host through (recorded)" }] : [],
  "allow-weaker-gvisor": (spec) => spec.security.allowWeakerGvisor ? [
    {
      option: "--allow-weaker-gvisor",
      effect: "gVisor may run without --oci-seccomp: no seccomp filter inside the sandbox"
    }
  ] : [],
  "volume-backend": (spec) => spec.host.volumeBackend === "unbounded" ? [{ option: "--volume-backend unbounded", effect: "writable volumes have no size cap" }] : [],
  "no-watchdog": (spec) => spec.host.watchdog ? [] : [
    {
      option: "--no-watchdog",
      effect: "no watchdog: if the CLI is killed, the sandbox runs on past its deadline until gc"
    }
  ],
  mount: (spec) => spec.phases.mounts.filter((m) => !m.readOnly).map((m) => ({
    option: `--mount ${m.host}:${m.dest}:rw`,
    effect: `the sandbox can write to ${m.host} on the host`
  })),
  "secret-route": (spec) => (spec.egress?.routes ?? []).map((r) => ({
    option: `--secret-route ${r.name}=https://${r.host}${r.port === 443 ? "" : `:${r.port}`}`,
    effect: `the sandbox can call ${r.host} with the host's $${r.env} (it never sees the value)`
  })),
  "allow-mount": (spec) => spec.phases.allowMounts.map((a) => ({
    option: `--allow-mount ${a}`,
    effect: "a host path refused by default may be mounted"
  })),
  "skip-self-check": (spec) => spec.security.selfCheck ? [] : [
    {
      option: "--skip-self-check",
      effect: "the sandbox was not checked from inside before the command ran"
    }
  ]
};
var LOOSENING_OPTIONS = Object.keys(RECORDERS);

// src/config/run-options.ts
var MIN_MEMORY = 16 * MiB;

// src/sandbox/helper-containers.ts
var HOLDER_MEMORY_BYTES = 16 * 1024 * 1024;
function helperContainer(labels, role, o) {
  const memory = o.memoryBytes ?? 64 * 1024 * 1024;
  return {
    name: `sandbox-action-${labels[LABEL_RUN]}-${role}`,
    user: "65534:65534",
    workingDir: "/",
    env: [],
    labels: { ...labels, [LABEL_ROLE]: role },
    mounts: [],
    readOnlyRootfs: true,
    capDrop: ["ALL"],
    capAdd: [],
    securityOpt: ["no-new-privileges:true"],
    init: false,
    privileged: false,
    networkMode: "none",
    nanoCpus: 5e8,
    pidsLimit: 16,
    ulimits: [{ name: "nofile", soft: 1024, hard: 1024 }, NPROC_ULIMIT, { name: "core", soft: 0, hard: 0 }],
    logDriver: { type: "none", config: {} },
    tty: false,
    ...o,
    memoryBytes: memory,
    memorySwapBytes: memory
  };
}
var volumeMounts = (volumes, readOnly) => volumes.map((v) => ({ type: "volume", source: v.name, target: v.mount, readOnly }));
function holderContainer(labels, role, image, owner, volumes) {
  return helperContainer(labels, role, {
    image,
    entrypoint: ["sleep"],
    cmd: ["infinity"],
    user: `${owner.uid}:${owner.gid}`,
    mounts: volumeMounts(volumes, true),
    pidsLimit: 4,
    memoryBytes: HOLDER_MEMORY_BYTES
  });
}

// src/sandbox/holder.ts
async function startHolder(engine, spec, made, check = () => void 0) {
  const startOne = async (name) => {
    const id = await engine.createContainer({ ...spec, name });
    made(id);
    return engine.startContainer(id).then(
      () => null,
      (err) => err ?? new InternalError("the engine refused the start with no reason")
    );
  };
  const first = await startOne(spec.name);
  if (first === null) return { started: true, retried: null };
  if (!(first instanceof EngineError) || (first.statusCode ?? 0) < 500)
    return { started: false, error: first };
  check();
  const second = await startOne(`${spec.name}-2`);
  return second === null ? { started: true, retried: first } : { started: false, error: second };
}

// src/comparator/context.ts
var CONTEXT_ENV = "SANDBOX_LANDRUN_CONTEXT";
var CONTEXT_VERSION = 1;
function encodeContext(c) {
  return JSON.stringify(c);
}
function fenceLine(token, edge) {
  return `[sandbox-landrun ${token} ${edge}]
`;
}

// src/comparator/outcome.ts
var OK_LINE = "Your solution is okay!";
var UNCAUGHT = "uncaught exception: ";
function splitFenced(stderr, token) {
  if (!token) return { judge: stderr, steps: [] };
  const begin = fenceLine(token, "begin");
  const end = fenceLine(token, "end");
  let judge = "";
  const steps = [];
  let at = 0;
  for (; ; ) {
    const b = stderr.indexOf(begin, at);
    if (b === -1) {
      judge += stderr.slice(at);
      break;
    }
    judge += stderr.slice(at, b);
    const e = stderr.indexOf(end, b + begin.length);
    if (e === -1) {
      steps.push(stderr.slice(b + begin.length));
      break;
    }
    steps.push(stderr.slice(b + begin.length, e));
    at = e + end.length;
  }
  return { judge, steps };
}
function uncaughtMessages(judgeStderr) {
  const out = [];
  let current = null;
  for (const line of judgeStderr.split("\n")) {
    if (line.startsWith(UNCAUGHT)) {
      if (current) out.push(current.join("\n").trimEnd());
      current = [line.slice(UNCAUGHT.length)];
    } else if (current) current.push(line);
  }
  if (current) out.push(current.join("\n").trimEnd());
  return out;
}
function lastLineIsOk(stdout) {
  const lines = stdout.split("\n").filter((l) => l.trim() !== "");
  return lines.at(-1) === OK_LINE;
}
function readOutcome(o) {
  const { judge } = splitFenced(o.stderr, o.fence);
  return {
    runId: o.runId,
    exitCode: o.exitCode,
    timedOut: o.timedOut,
    okLine: lastLineIsOk(o.stdout),
    uncaught: uncaughtMessages(judge),
    stdout: o.stdout,
    stderr: o.stderr,
    judgeStderr: judge,
    truncated: o.truncated
  };
}

// src/comparator/run.ts
var SHIM_PATH = "scripts/sandbox-landrun";
var COMPARATOR_OUTPUT_CAP = 16 * 1024 * 1024;
var STEP_DEFAULTS = {
  timeoutMs: 60 * 6e4,
  memoryBytes: 8 * GiB,
  cpus: 2,
  pids: 512,
  nofile: 8192,
  fsizeBytes: 4 * GiB
};
var Kept = class {
  constructor(cap) {
    this.cap = cap;
  }
  cap;
  chunks = [];
  size = 0;
  cut = false;
  push(c) {
    const part = c.subarray(0, Math.max(0, this.cap - this.size));
    if (part.length < c.length) this.cut = true;
    if (part.length) this.chunks.push(Buffer.from(part));
    this.size += part.length;
  }
  text() {
    return Buffer.concat(this.chunks).toString("utf8");
  }
};
async function prepareProject(dir, notice) {
  const st = await fsp2.stat(dir).catch(() => null);
  if (!st?.isDirectory()) throw new InputError("projectDir", `'${dir}' is not a directory`);
  if ((st.mode & 5) !== 5) {
    notice(
      `the project '${dir}' (mode ${(st.mode & 511).toString(8)}) may not be readable by the steps' user`
    );
  }
  const lake = path3.join(dir, ".lake");
  const l = await fsp2.lstat(lake).catch(() => null);
  if (!l) {
    await fsp2.mkdir(lake, { mode: 493 });
    return;
  }
  if (l.isSymbolicLink() || !l.isDirectory()) {
    throw new InputError("projectDir", `'${lake}' exists and is not a plain directory; remove it`);
  }
  if ((await fsp2.readdir(lake)).length > 0) {
    notice(`'${lake}' on the host is not empty: the steps never see it (the run's volume is mounted there)`);
  }
}
async function runComparator(o, deps) {
  const { engine } = deps;
  const notice = deps.notice ?? (() => void 0);
  const projectDir = path3.resolve(o.projectDir);
  const user = o.stepUser ?? { uid: 65534, gid: 65534 };
  checkRun(o, user, deps);
  await prepareProject(projectDir, notice);
  const isolation = o.isolation ?? "default";
  const runtime = isolation === "runsc" ? await runscRuntime(engine) : null;
  const backend = await chooseBackend(o.volumeBackend ?? "auto", engine, deps.volumeHost);
  if (backend.note) notice(backend.note);
  const createdAt = deps.now();
  const runId = newRunId(createdAt, deps.random());
  const labels = runLabels(runId, createdAt);
  const lakeDir = path3.join(projectDir, ".lake");
  let volume = null;
  try {
    volume = await createVolume(
      engine,
      deps.volumeHost,
      backend.backend,
      {
        role: "lake",
        name: `sandbox-action-${runId}-lake`,
        mount: lakeDir,
        sizeBytes: o.lakeSizeBytes ?? 8 * GiB
      },
      user,
      labels
    );
    if (volume.backend === "tmpfs") await holdVolume(engine, o.image, volume.name, user, labels, notice);
    const ctx = {
      version: CONTEXT_VERSION,
      runId,
      createdAt: createdAt.toISOString(),
      image: o.image,
      projectDir,
      lakeVolume: volume.name,
      user,
      isolation,
      runtime,
      limits: { ...STEP_DEFAULTS, ...o.stepLimits },
      fence: randomBytes2(16).toString("hex")
    };
    const env = {
      ...o.env ?? process.env,
      [CONTEXT_ENV]: encodeContext(ctx),
      COMPARATOR_LANDRUN: o.landrun,
      SANDBOX_LANDRUN_NODE: process.execPath,
      ...o.lean4export ? { COMPARATOR_LEAN4EXPORT: o.lean4export } : {}
    };
    const r = await spawnComparator(o, projectDir, env, deps.signal);
    return readOutcome({ runId, ...r, fence: ctx.fence });
  } finally {
    await sweepRun(engine, runId, volume, notice);
  }
}
function checkRun(o, user, deps) {
  const judgeUid = process.getuid?.() ?? -1;
  if (user.uid === 0 || user.uid === judgeUid) {
    throw new InputError("stepUser", `uid ${user.uid} is root or the judging process's own; pick another`);
  }
  if (!deps.engine.info.local || deps.volumeHost.sharedWithEngine === false) {
    throw new InputError("engine", "comparator's steps mount host paths: the engine must run on this host");
  }
  if (o.lean4export && !path3.isAbsolute(o.lean4export)) {
    throw new InputError("lean4export", `'${o.lean4export}' must be an absolute path`);
  }
}
async function runscRuntime(engine) {
  const r = chooseRunscRuntime(await engine.runtimes(), false);
  if ("error" in r) throw new InputError("isolation", `runsc: ${r.error}`);
  return r.runtime;
}
async function sweepRun(engine, runId, volume, notice) {
  const left = await engine.listLabelled(`${LABEL_RUN}=${runId}`).catch(() => []);
  await Promise.all(
    left.filter((x) => x.kind === "container").map((x) => engine.removeContainer(x.id).catch(() => void 0))
  );
  if (volume) await volume.remove().catch((err) => notice(`cleanup: ${volume.name}: ${errorMessage(err)}`));
}
async function holdVolume(engine, image, volume, user, labels, notice) {
  const h = await startHolder(
    engine,
    holderContainer(labels, "lake-holder", image, user, [{ name: volume, mount: "/lake" }]),
    () => void 0
  );
  if (!h.started) {
    throw new InputError(
      "volumeBackend",
      `a tmpfs .lake needs a holder running \`sleep infinity\` in ${image}, which failed (${errorMessage(h.error)}); use a loop volume`
    );
  }
  if (h.retried !== null) {
    notice(
      `the .lake holder failed to start on the engine's side (${errorMessage(h.retried)}); a second one started`
    );
  }
}
function signalGroup(pid, sig) {
  try {
    if (pid) process.kill(-pid, sig);
  } catch {
  }
}
function exitCodeOf(child, o) {
  return new Promise((resolve, reject) => {
    child.on(
      "error",
      (e) => reject(new InputError("lake", `cannot start '${o.lake ?? "lake"}': ${e.message}`))
    );
    child.on("close", (code) => resolve(code));
  });
}
async function spawnComparator(o, cwd, env, signal) {
  const cap = o.outputCapBytes ?? COMPARATOR_OUTPUT_CAP;
  const out = new Kept(cap);
  const err = new Kept(cap);
  const child = spawn2(o.lake ?? "lake", ["env", o.comparator, o.config], {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true
  });
  child.stdout.on("data", (c) => (out.push(c), o.onOutput?.("stdout", c)));
  child.stderr.on("data", (c) => (err.push(c), o.onOutput?.("stderr", c)));
  let timedOut = false;
  let interrupted = null;
  let hard;
  const stop = () => {
    signalGroup(child.pid, "SIGTERM");
    hard ??= setTimeout(() => signalGroup(child.pid, "SIGKILL"), 1e4);
  };
  const timer = setTimeout(() => (timedOut = true, stop()), o.timeoutMs ?? 2 * 60 * 6e4);
  const onAbort = () => (interrupted = signal?.reason ?? "SIGTERM", stop());
  signal?.addEventListener("abort", onAbort, { once: true });
  if (signal?.aborted) onAbort();
  try {
    const exitCode = await exitCodeOf(child, o);
    if (interrupted) throw new InterruptedError(interrupted);
    return {
      exitCode: timedOut ? null : exitCode,
      timedOut,
      stdout: out.text(),
      stderr: err.text(),
      truncated: out.cut || err.cut
    };
  } finally {
    clearTimeout(timer);
    clearTimeout(hard);
    signal?.removeEventListener("abort", onAbort);
  }
}

// src/comparator/projects.ts
var DEFAULT_LAKEFILE = 'name = "comparatortest"\nversion = "0.1.0"\n\n[[lean_lib]]\nname = "Solution"\n\n[[lean_lib]]\nname = "Challenge"\n';
function expectedExit(file) {
  const j = JSON.parse(fs2.readFileSync(file, "utf8"));
  if (j.exit_code !== 0 && j.exit_code !== 1) throw new InputError(file, "exit_code must be 0 or 1");
  return j.exit_code;
}
async function judgeProjects(o, deps) {
  const dir = path4.join(o.checkout, "tests", "projects");
  const toolchain = path4.join(o.checkout, "lean-toolchain");
  if (!fs2.existsSync(dir) || !fs2.existsSync(toolchain)) {
    throw new InputError("--checkout", `'${o.checkout}' has no tests/projects or lean-toolchain`);
  }
  const names = fs2.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && (!o.filters?.length || o.filters.some((f) => e.name.includes(f)))).map((e) => e.name).sort();
  if (!names.length) throw new InputError("--filter", `no project of ${dir} matches`);
  const results = [];
  for (const name of names) {
    const src = path4.join(dir, name);
    const expected = expectedExit(path4.join(src, "test.json"));
    const work = await fsp3.mkdtemp(path4.join(os2.tmpdir(), `comparator-${name}-`));
    try {
      await fsp3.cp(src, work, { recursive: true });
      await fsp3.copyFile(toolchain, path4.join(work, "lean-toolchain"));
      if (!fs2.existsSync(path4.join(work, "lakefile.toml"))) {
        await fsp3.writeFile(path4.join(work, "lakefile.toml"), DEFAULT_LAKEFILE);
      }
      await fsp3.chmod(work, 493);
      const t = Date.now();
      const out = await runComparator({ ...o, projectDir: work, config: "config.json" }, deps);
      const r = {
        name,
        expected,
        exitCode: out.exitCode,
        passed: out.exitCode === expected && (expected !== 0 || out.okLine),
        ms: Date.now() - t,
        uncaught: out.uncaught
      };
      results.push(r);
      o.onResult?.(r);
    } finally {
      await fsp3.rm(work, { recursive: true, force: true });
    }
  }
  return results;
}

// src/comparator/projects-main.ts
var TABLE = {
  checkout: { kind: "string", help: "a comparator checkout (tests/projects, lean-toolchain)" },
  comparator: { kind: "string", help: "comparator's binary" },
  lean4export: { kind: "string", help: "lean4export's binary (absolute)" },
  image: { kind: "string", help: "the image the builds and exports run in" },
  isolation: { kind: "string", help: "default or runsc" },
  filter: { kind: "strings", help: "only projects whose name contains this" },
  json: { kind: "string", help: "write the results here as JSON" }
};
async function main(argv) {
  const { options } = parseCommandLine(argv, TABLE);
  const need = (k) => {
    const v = options[k];
    if (typeof v !== "string" || v === "") throw new InputError(`--${k}`, "is required");
    return v;
  };
  const isolation = options.isolation ?? "default";
  if (isolation !== "default" && isolation !== "runsc")
    throw new InputError("--isolation", "default or runsc");
  const ctx = processContext();
  const engine = await connect(ctx);
  const root = path5.resolve(import.meta.dirname, "..");
  const results = await judgeProjects(
    {
      checkout: path5.resolve(need("checkout")),
      comparator: path5.resolve(need("comparator")),
      lean4export: path5.resolve(need("lean4export")),
      image: need("image"),
      landrun: path5.join(root, SHIM_PATH),
      isolation,
      filters: Array.isArray(options.filter) ? options.filter : [],
      onResult: (r) => process.stdout.write(
        `${r.passed ? "✓" : "✗"} ${r.name}: exit ${r.exitCode ?? "none"}, expected ${r.expected} (${(r.ms / 1e3).toFixed(1)} s)${r.passed || !r.uncaught.length ? "" : `: ${r.uncaught[0].split("\n")[0]}`}
`
      )
    },
    { engine, volumeHost: volumeHostFor(ctx), now: () => /* @__PURE__ */ new Date(), random: randomId }
  );
  if (typeof options.json === "string")
    fs3.writeFileSync(options.json, `${JSON.stringify(results, null, 2)}
`);
  const failed = results.filter((r) => !r.passed);
  process.stdout.write(`${results.length - failed.length}/${results.length} projects as expected
`);
  return failed.length ? 1 : 0;
}
main(process.argv.slice(2)).then(
  (code) => process.exitCode = code,
  (err) => {
    process.stderr.write(`comparator-projects: ${errorMessage(err)}
`);
    process.exitCode = exitCodeFor("plain", err);
  }
);
