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

// node_modules/dns-packet/types.js
var require_types = __commonJS({
  "node_modules/dns-packet/types.js"(exports) {
    "use strict";
    exports.toString = function(type) {
      switch (type) {
        case 1:
          return "A";
        case 10:
          return "NULL";
        case 28:
          return "AAAA";
        case 18:
          return "AFSDB";
        case 42:
          return "APL";
        case 257:
          return "CAA";
        case 60:
          return "CDNSKEY";
        case 59:
          return "CDS";
        case 37:
          return "CERT";
        case 5:
          return "CNAME";
        case 49:
          return "DHCID";
        case 32769:
          return "DLV";
        case 39:
          return "DNAME";
        case 48:
          return "DNSKEY";
        case 43:
          return "DS";
        case 55:
          return "HIP";
        case 13:
          return "HINFO";
        case 45:
          return "IPSECKEY";
        case 25:
          return "KEY";
        case 36:
          return "KX";
        case 29:
          return "LOC";
        case 15:
          return "MX";
        case 35:
          return "NAPTR";
        case 2:
          return "NS";
        case 47:
          return "NSEC";
        case 50:
          return "NSEC3";
        case 51:
          return "NSEC3PARAM";
        case 12:
          return "PTR";
        case 46:
          return "RRSIG";
        case 17:
          return "RP";
        case 24:
          return "SIG";
        case 6:
          return "SOA";
        case 99:
          return "SPF";
        case 33:
          return "SRV";
        case 44:
          return "SSHFP";
        case 32768:
          return "TA";
        case 249:
          return "TKEY";
        case 52:
          return "TLSA";
        case 250:
          return "TSIG";
        case 16:
          return "TXT";
        case 252:
          return "AXFR";
        case 251:
          return "IXFR";
        case 41:
          return "OPT";
        case 255:
          return "ANY";
      }
      return "UNKNOWN_" + type;
    };
    exports.toType = function(name) {
      switch (name.toUpperCase()) {
        case "A":
          return 1;
        case "NULL":
          return 10;
        case "AAAA":
          return 28;
        case "AFSDB":
          return 18;
        case "APL":
          return 42;
        case "CAA":
          return 257;
        case "CDNSKEY":
          return 60;
        case "CDS":
          return 59;
        case "CERT":
          return 37;
        case "CNAME":
          return 5;
        case "DHCID":
          return 49;
        case "DLV":
          return 32769;
        case "DNAME":
          return 39;
        case "DNSKEY":
          return 48;
        case "DS":
          return 43;
        case "HIP":
          return 55;
        case "HINFO":
          return 13;
        case "IPSECKEY":
          return 45;
        case "KEY":
          return 25;
        case "KX":
          return 36;
        case "LOC":
          return 29;
        case "MX":
          return 15;
        case "NAPTR":
          return 35;
        case "NS":
          return 2;
        case "NSEC":
          return 47;
        case "NSEC3":
          return 50;
        case "NSEC3PARAM":
          return 51;
        case "PTR":
          return 12;
        case "RRSIG":
          return 46;
        case "RP":
          return 17;
        case "SIG":
          return 24;
        case "SOA":
          return 6;
        case "SPF":
          return 99;
        case "SRV":
          return 33;
        case "SSHFP":
          return 44;
        case "TA":
          return 32768;
        case "TKEY":
          return 249;
        case "TLSA":
          return 52;
        case "TSIG":
          return 250;
        case "TXT":
          return 16;
        case "AXFR":
          return 252;
        case "IXFR":
          return 251;
        case "OPT":
          return 41;
        case "ANY":
          return 255;
        case "*":
          return 255;
      }
      if (name.toUpperCase().startsWith("UNKNOWN_")) return parseInt(name.slice(8));
      return 0;
    };
  }
});

// node_modules/dns-packet/rcodes.js
var require_rcodes = __commonJS({
  "node_modules/dns-packet/rcodes.js"(exports) {
    "use strict";
    exports.toString = function(rcode) {
      switch (rcode) {
        case 0:
          return "NOERROR";
        case 1:
          return "FORMERR";
        case 2:
          return "SERVFAIL";
        case 3:
          return "NXDOMAIN";
        case 4:
          return "NOTIMP";
        case 5:
          return "REFUSED";
        case 6:
          return "YXDOMAIN";
        case 7:
          return "YXRRSET";
        case 8:
          return "NXRRSET";
        case 9:
          return "NOTAUTH";
        case 10:
          return "NOTZONE";
        case 11:
          return "RCODE_11";
        case 12:
          return "RCODE_12";
        case 13:
          return "RCODE_13";
        case 14:
          return "RCODE_14";
        case 15:
          return "RCODE_15";
      }
      return "RCODE_" + rcode;
    };
    exports.toRcode = function(code) {
      switch (code.toUpperCase()) {
        case "NOERROR":
          return 0;
        case "FORMERR":
          return 1;
        case "SERVFAIL":
          return 2;
        case "NXDOMAIN":
          return 3;
        case "NOTIMP":
          return 4;
        case "REFUSED":
          return 5;
        case "YXDOMAIN":
          return 6;
        case "YXRRSET":
          return 7;
        case "NXRRSET":
          return 8;
        case "NOTAUTH":
          return 9;
        case "NOTZONE":
          return 10;
        case "RCODE_11":
          return 11;
        case "RCODE_12":
          return 12;
        case "RCODE_13":
          return 13;
        case "RCODE_14":
          return 14;
        case "RCODE_15":
          return 15;
      }
      return 0;
    };
  }
});

// node_modules/dns-packet/opcodes.js
var require_opcodes = __commonJS({
  "node_modules/dns-packet/opcodes.js"(exports) {
    "use strict";
    exports.toString = function(opcode) {
      switch (opcode) {
        case 0:
          return "QUERY";
        case 1:
          return "IQUERY";
        case 2:
          return "STATUS";
        case 3:
          return "OPCODE_3";
        case 4:
          return "NOTIFY";
        case 5:
          return "UPDATE";
        case 6:
          return "OPCODE_6";
        case 7:
          return "OPCODE_7";
        case 8:
          return "OPCODE_8";
        case 9:
          return "OPCODE_9";
        case 10:
          return "OPCODE_10";
        case 11:
          return "OPCODE_11";
        case 12:
          return "OPCODE_12";
        case 13:
          return "OPCODE_13";
        case 14:
          return "OPCODE_14";
        case 15:
          return "OPCODE_15";
      }
      return "OPCODE_" + opcode;
    };
    exports.toOpcode = function(code) {
      switch (code.toUpperCase()) {
        case "QUERY":
          return 0;
        case "IQUERY":
          return 1;
        case "STATUS":
          return 2;
        case "OPCODE_3":
          return 3;
        case "NOTIFY":
          return 4;
        case "UPDATE":
          return 5;
        case "OPCODE_6":
          return 6;
        case "OPCODE_7":
          return 7;
        case "OPCODE_8":
          return 8;
        case "OPCODE_9":
          return 9;
        case "OPCODE_10":
          return 10;
        case "OPCODE_11":
          return 11;
        case "OPCODE_12":
          return 12;
        case "OPCODE_13":
          return 13;
        case "OPCODE_14":
          return 14;
        case "OPCODE_15":
          return 15;
      }
      return 0;
    };
  }
});

// node_modules/dns-packet/classes.js
var require_classes = __commonJS({
  "node_modules/dns-packet/classes.js"(exports) {
    "use strict";
    exports.toString = function(klass) {
      switch (klass) {
        case 1:
          return "IN";
        case 2:
          return "CS";
        case 3:
          return "CH";
        case 4:
          return "HS";
        case 255:
          return "ANY";
      }
      return "UNKNOWN_" + klass;
    };
    exports.toClass = function(name) {
      switch (name.toUpperCase()) {
        case "IN":
          return 1;
        case "CS":
          return 2;
        case "CH":
          return 3;
        case "HS":
          return 4;
        case "ANY":
          return 255;
      }
      return 0;
    };
  }
});

// node_modules/dns-packet/optioncodes.js
var require_optioncodes = __commonJS({
  "node_modules/dns-packet/optioncodes.js"(exports) {
    "use strict";
    exports.toString = function(type) {
      switch (type) {
        // list at
        // https://www.iana.org/assignments/dns-parameters/dns-parameters.xhtml#dns-parameters-11
        case 1:
          return "LLQ";
        case 2:
          return "UL";
        case 3:
          return "NSID";
        case 5:
          return "DAU";
        case 6:
          return "DHU";
        case 7:
          return "N3U";
        case 8:
          return "CLIENT_SUBNET";
        case 9:
          return "EXPIRE";
        case 10:
          return "COOKIE";
        case 11:
          return "TCP_KEEPALIVE";
        case 12:
          return "PADDING";
        case 13:
          return "CHAIN";
        case 14:
          return "KEY_TAG";
        case 26946:
          return "DEVICEID";
      }
      if (type < 0) {
        return null;
      }
      return `OPTION_${type}`;
    };
    exports.toCode = function(name) {
      if (typeof name === "number") {
        return name;
      }
      if (!name) {
        return -1;
      }
      switch (name.toUpperCase()) {
        case "OPTION_0":
          return 0;
        case "LLQ":
          return 1;
        case "UL":
          return 2;
        case "NSID":
          return 3;
        case "OPTION_4":
          return 4;
        case "DAU":
          return 5;
        case "DHU":
          return 6;
        case "N3U":
          return 7;
        case "CLIENT_SUBNET":
          return 8;
        case "EXPIRE":
          return 9;
        case "COOKIE":
          return 10;
        case "TCP_KEEPALIVE":
          return 11;
        case "PADDING":
          return 12;
        case "CHAIN":
          return 13;
        case "KEY_TAG":
          return 14;
        case "DEVICEID":
          return 26946;
        case "OPTION_65535":
          return 65535;
      }
      const m = name.match(/_(\d+)$/);
      if (m) {
        return parseInt(m[1], 10);
      }
      return -1;
    };
  }
});

// node_modules/@leichtgewicht/ip-codec/index.cjs
var require_ip_codec = __commonJS({
  "node_modules/@leichtgewicht/ip-codec/index.cjs"(exports, module) {
    var ipCodec = (function(exports2) {
      "use strict";
      Object.defineProperty(exports2, "__esModule", {
        value: true
      });
      exports2.decode = decode;
      exports2.encode = encode;
      exports2.familyOf = familyOf;
      exports2.name = void 0;
      exports2.sizeOf = sizeOf;
      exports2.v6 = exports2.v4 = void 0;
      const v4Regex = /^(\d{1,3}\.){3,3}\d{1,3}$/;
      const v4Size = 4;
      const v6Regex = /^(::)?(((\d{1,3}\.){3}(\d{1,3}){1})?([0-9a-f]){0,4}:{0,2}){1,8}(::)?$/i;
      const v6Size = 16;
      const v4 = {
        name: "v4",
        size: v4Size,
        isFormat: (ip) => v4Regex.test(ip),
        encode(ip, buff, offset) {
          offset = ~~offset;
          buff = buff || new Uint8Array(offset + v4Size);
          const max = ip.length;
          let n = 0;
          for (let i = 0; i < max; ) {
            const c = ip.charCodeAt(i++);
            if (c === 46) {
              buff[offset++] = n;
              n = 0;
            } else {
              n = n * 10 + (c - 48);
            }
          }
          buff[offset] = n;
          return buff;
        },
        decode(buff, offset) {
          offset = ~~offset;
          return `${buff[offset++]}.${buff[offset++]}.${buff[offset++]}.${buff[offset]}`;
        }
      };
      exports2.v4 = v4;
      const v6 = {
        name: "v6",
        size: v6Size,
        isFormat: (ip) => ip.length > 0 && v6Regex.test(ip),
        encode(ip, buff, offset) {
          offset = ~~offset;
          let end = offset + v6Size;
          let fill = -1;
          let hexN = 0;
          let decN = 0;
          let prevColon = true;
          let useDec = false;
          buff = buff || new Uint8Array(offset + v6Size);
          for (let i = 0; i < ip.length; i++) {
            let c = ip.charCodeAt(i);
            if (c === 58) {
              if (prevColon) {
                if (fill !== -1) {
                  if (offset < end) buff[offset] = 0;
                  if (offset < end - 1) buff[offset + 1] = 0;
                  offset += 2;
                } else if (offset < end) {
                  fill = offset;
                }
              } else {
                if (useDec === true) {
                  if (offset < end) buff[offset] = decN;
                  offset++;
                } else {
                  if (offset < end) buff[offset] = hexN >> 8;
                  if (offset < end - 1) buff[offset + 1] = hexN & 255;
                  offset += 2;
                }
                hexN = 0;
                decN = 0;
              }
              prevColon = true;
              useDec = false;
            } else if (c === 46) {
              if (offset < end) buff[offset] = decN;
              offset++;
              decN = 0;
              hexN = 0;
              prevColon = false;
              useDec = true;
            } else {
              prevColon = false;
              if (c >= 97) {
                c -= 87;
              } else if (c >= 65) {
                c -= 55;
              } else {
                c -= 48;
                decN = decN * 10 + c;
              }
              hexN = (hexN << 4) + c;
            }
          }
          if (prevColon === false) {
            if (useDec === true) {
              if (offset < end) buff[offset] = decN;
              offset++;
            } else {
              if (offset < end) buff[offset] = hexN >> 8;
              if (offset < end - 1) buff[offset + 1] = hexN & 255;
              offset += 2;
            }
          } else if (fill === 0) {
            if (offset < end) buff[offset] = 0;
            if (offset < end - 1) buff[offset + 1] = 0;
            offset += 2;
          } else if (fill !== -1) {
            offset += 2;
            for (let i = Math.min(offset - 1, end - 1); i >= fill + 2; i--) {
              buff[i] = buff[i - 2];
            }
            buff[fill] = 0;
            buff[fill + 1] = 0;
            fill = offset;
          }
          if (fill !== offset && fill !== -1) {
            if (offset > end - 2) {
              offset = end - 2;
            }
            while (end > fill) {
              buff[--end] = offset < end && offset > fill ? buff[--offset] : 0;
            }
          } else {
            while (offset < end) {
              buff[offset++] = 0;
            }
          }
          return buff;
        },
        decode(buff, offset) {
          offset = ~~offset;
          let result = "";
          for (let i = 0; i < v6Size; i += 2) {
            if (i !== 0) {
              result += ":";
            }
            result += (buff[offset + i] << 8 | buff[offset + i + 1]).toString(16);
          }
          return result.replace(/(^|:)0(:0)*:0(:|$)/, "$1::$3").replace(/:{3,4}/, "::");
        }
      };
      exports2.v6 = v6;
      const name = "ip";
      exports2.name = name;
      function sizeOf(ip) {
        if (v4.isFormat(ip)) return v4.size;
        if (v6.isFormat(ip)) return v6.size;
        throw Error(`Invalid ip address: ${ip}`);
      }
      function familyOf(string) {
        return sizeOf(string) === v4.size ? 1 : 2;
      }
      function encode(ip, buff, offset) {
        offset = ~~offset;
        const size = sizeOf(ip);
        if (typeof buff === "function") {
          buff = buff(offset + size);
        }
        if (size === v4.size) {
          return v4.encode(ip, buff, offset);
        }
        return v6.encode(ip, buff, offset);
      }
      function decode(buff, offset, length) {
        offset = ~~offset;
        length = length || buff.length - offset;
        if (length === v4.size) {
          return v4.decode(buff, offset, length);
        }
        if (length === v6.size) {
          return v6.decode(buff, offset, length);
        }
        throw Error(`Invalid buffer size needs to be ${v4.size} for v4 or ${v6.size} for v6.`);
      }
      return "default" in exports2 ? exports2.default : exports2;
    })({});
    if (typeof define === "function" && define.amd) define([], function() {
      return ipCodec;
    });
    else if (typeof module === "object" && typeof exports === "object") module.exports = ipCodec;
  }
});

// node_modules/dns-packet/index.js
var require_dns_packet = __commonJS({
  "node_modules/dns-packet/index.js"(exports) {
    "use strict";
    var Buffer2 = __require("buffer").Buffer;
    var types = require_types();
    var rcodes = require_rcodes();
    var opcodes = require_opcodes();
    var classes = require_classes();
    var optioncodes = require_optioncodes();
    var ip = require_ip_codec();
    var QUERY_FLAG = 0;
    var RESPONSE_FLAG = 1 << 15;
    var FLUSH_MASK = 1 << 15;
    var NOT_FLUSH_MASK = ~FLUSH_MASK;
    var QU_MASK = 1 << 15;
    var NOT_QU_MASK = ~QU_MASK;
    var name = exports.name = {};
    name.encode = function(str, buf, offset, { mail = false } = {}) {
      if (!buf) buf = Buffer2.alloc(name.encodingLength(str));
      if (!offset) offset = 0;
      const oldOffset = offset;
      const n = str.replace(/^\.|\.$/gm, "");
      if (n.length) {
        let list = [];
        if (mail) {
          let localPart = "";
          n.split(".").forEach((label) => {
            if (label.endsWith("\\")) {
              localPart += (localPart.length ? "." : "") + label.slice(0, -1);
            } else {
              if (list.length === 0 && localPart.length) {
                list.push(localPart + "." + label);
              } else {
                list.push(label);
              }
            }
          });
        } else {
          list = n.split(".");
        }
        for (let i = 0; i < list.length; i++) {
          const len = buf.write(list[i], offset + 1);
          buf[offset] = len;
          offset += len + 1;
        }
      }
      buf[offset++] = 0;
      name.encode.bytes = offset - oldOffset;
      return buf;
    };
    name.encode.bytes = 0;
    name.decode = function(buf, offset, { mail = false } = {}) {
      if (!offset) offset = 0;
      const list = [];
      let oldOffset = offset;
      let totalLength = 0;
      let consumedBytes = 0;
      let jumped = false;
      while (true) {
        if (offset >= buf.length) {
          throw new Error("Cannot decode name (buffer overflow)");
        }
        const len = buf[offset++];
        consumedBytes += jumped ? 0 : 1;
        if (len === 0) {
          break;
        } else if ((len & 192) === 0) {
          if (offset + len > buf.length) {
            throw new Error("Cannot decode name (buffer overflow)");
          }
          totalLength += len + 1;
          if (totalLength > 254) {
            throw new Error("Cannot decode name (name too long)");
          }
          let label = buf.toString("utf-8", offset, offset + len);
          if (mail) {
            label = label.replace(/\./g, "\\.");
          }
          list.push(label);
          offset += len;
          consumedBytes += jumped ? 0 : len;
        } else if ((len & 192) === 192) {
          if (offset + 1 > buf.length) {
            throw new Error("Cannot decode name (buffer overflow)");
          }
          const jumpOffset = buf.readUInt16BE(offset - 1) - 49152;
          if (jumpOffset >= oldOffset) {
            throw new Error("Cannot decode name (bad pointer)");
          }
          offset = jumpOffset;
          oldOffset = jumpOffset;
          consumedBytes += jumped ? 0 : 1;
          jumped = true;
        } else {
          throw new Error("Cannot decode name (bad label)");
        }
      }
      name.decode.bytes = consumedBytes;
      return list.length === 0 ? "." : list.join(".");
    };
    name.decode.bytes = 0;
    name.encodingLength = function(n) {
      if (n === "." || n === "..") return 1;
      return Buffer2.byteLength(n.replace(/^\.|\.$/gm, "")) + 2;
    };
    var string = {};
    string.encode = function(s, buf, offset) {
      if (!buf) buf = Buffer2.alloc(string.encodingLength(s));
      if (!offset) offset = 0;
      const len = buf.write(s, offset + 1);
      buf[offset] = len;
      string.encode.bytes = len + 1;
      return buf;
    };
    string.encode.bytes = 0;
    string.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const len = buf[offset];
      const s = buf.toString("utf-8", offset + 1, offset + 1 + len);
      string.decode.bytes = len + 1;
      return s;
    };
    string.decode.bytes = 0;
    string.encodingLength = function(s) {
      return Buffer2.byteLength(s) + 1;
    };
    var header = {};
    header.encode = function(h, buf, offset) {
      if (!buf) buf = header.encodingLength(h);
      if (!offset) offset = 0;
      const flags = (h.flags || 0) & 32767;
      const type = h.type === "response" ? RESPONSE_FLAG : QUERY_FLAG;
      buf.writeUInt16BE(h.id || 0, offset);
      buf.writeUInt16BE(flags | type, offset + 2);
      buf.writeUInt16BE(h.questions.length, offset + 4);
      buf.writeUInt16BE(h.answers.length, offset + 6);
      buf.writeUInt16BE(h.authorities.length, offset + 8);
      buf.writeUInt16BE(h.additionals.length, offset + 10);
      return buf;
    };
    header.encode.bytes = 12;
    header.decode = function(buf, offset) {
      if (!offset) offset = 0;
      if (buf.length < 12) throw new Error("Header must be 12 bytes");
      const flags = buf.readUInt16BE(offset + 2);
      return {
        id: buf.readUInt16BE(offset),
        type: flags & RESPONSE_FLAG ? "response" : "query",
        flags: flags & 32767,
        flag_qr: (flags >> 15 & 1) === 1,
        opcode: opcodes.toString(flags >> 11 & 15),
        flag_aa: (flags >> 10 & 1) === 1,
        flag_tc: (flags >> 9 & 1) === 1,
        flag_rd: (flags >> 8 & 1) === 1,
        flag_ra: (flags >> 7 & 1) === 1,
        flag_z: (flags >> 6 & 1) === 1,
        flag_ad: (flags >> 5 & 1) === 1,
        flag_cd: (flags >> 4 & 1) === 1,
        rcode: rcodes.toString(flags & 15),
        questions: new Array(buf.readUInt16BE(offset + 4)),
        answers: new Array(buf.readUInt16BE(offset + 6)),
        authorities: new Array(buf.readUInt16BE(offset + 8)),
        additionals: new Array(buf.readUInt16BE(offset + 10))
      };
    };
    header.decode.bytes = 12;
    header.encodingLength = function() {
      return 12;
    };
    var runknown = exports.unknown = {};
    runknown.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(runknown.encodingLength(data));
      if (!offset) offset = 0;
      buf.writeUInt16BE(data.length, offset);
      data.copy(buf, offset + 2);
      runknown.encode.bytes = data.length + 2;
      return buf;
    };
    runknown.encode.bytes = 0;
    runknown.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const len = buf.readUInt16BE(offset);
      const data = buf.slice(offset + 2, offset + 2 + len);
      runknown.decode.bytes = len + 2;
      return data;
    };
    runknown.decode.bytes = 0;
    runknown.encodingLength = function(data) {
      return data.length + 2;
    };
    var rns = exports.ns = {};
    rns.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rns.encodingLength(data));
      if (!offset) offset = 0;
      name.encode(data, buf, offset + 2);
      buf.writeUInt16BE(name.encode.bytes, offset);
      rns.encode.bytes = name.encode.bytes + 2;
      return buf;
    };
    rns.encode.bytes = 0;
    rns.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const len = buf.readUInt16BE(offset);
      const dd = name.decode(buf, offset + 2);
      rns.decode.bytes = len + 2;
      return dd;
    };
    rns.decode.bytes = 0;
    rns.encodingLength = function(data) {
      return name.encodingLength(data) + 2;
    };
    var rsoa = exports.soa = {};
    rsoa.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rsoa.encodingLength(data));
      if (!offset) offset = 0;
      const oldOffset = offset;
      offset += 2;
      name.encode(data.mname, buf, offset);
      offset += name.encode.bytes;
      name.encode(data.rname, buf, offset, { mail: true });
      offset += name.encode.bytes;
      buf.writeUInt32BE(data.serial || 0, offset);
      offset += 4;
      buf.writeUInt32BE(data.refresh || 0, offset);
      offset += 4;
      buf.writeUInt32BE(data.retry || 0, offset);
      offset += 4;
      buf.writeUInt32BE(data.expire || 0, offset);
      offset += 4;
      buf.writeUInt32BE(data.minimum || 0, offset);
      offset += 4;
      buf.writeUInt16BE(offset - oldOffset - 2, oldOffset);
      rsoa.encode.bytes = offset - oldOffset;
      return buf;
    };
    rsoa.encode.bytes = 0;
    rsoa.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const data = {};
      offset += 2;
      data.mname = name.decode(buf, offset);
      offset += name.decode.bytes;
      data.rname = name.decode(buf, offset, { mail: true });
      offset += name.decode.bytes;
      data.serial = buf.readUInt32BE(offset);
      offset += 4;
      data.refresh = buf.readUInt32BE(offset);
      offset += 4;
      data.retry = buf.readUInt32BE(offset);
      offset += 4;
      data.expire = buf.readUInt32BE(offset);
      offset += 4;
      data.minimum = buf.readUInt32BE(offset);
      offset += 4;
      rsoa.decode.bytes = offset - oldOffset;
      return data;
    };
    rsoa.decode.bytes = 0;
    rsoa.encodingLength = function(data) {
      return 22 + name.encodingLength(data.mname) + name.encodingLength(data.rname);
    };
    var rtxt = exports.txt = {};
    rtxt.encode = function(data, buf, offset) {
      if (!Array.isArray(data)) data = [data];
      for (let i = 0; i < data.length; i++) {
        if (typeof data[i] === "string") {
          data[i] = Buffer2.from(data[i]);
        }
        if (!Buffer2.isBuffer(data[i])) {
          throw new Error("Must be a Buffer");
        }
      }
      if (!buf) buf = Buffer2.alloc(rtxt.encodingLength(data));
      if (!offset) offset = 0;
      const oldOffset = offset;
      offset += 2;
      data.forEach(function(d) {
        buf[offset++] = d.length;
        d.copy(buf, offset, 0, d.length);
        offset += d.length;
      });
      buf.writeUInt16BE(offset - oldOffset - 2, oldOffset);
      rtxt.encode.bytes = offset - oldOffset;
      return buf;
    };
    rtxt.encode.bytes = 0;
    rtxt.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      let remaining = buf.readUInt16BE(offset);
      offset += 2;
      let data = [];
      while (remaining > 0) {
        const len = buf[offset++];
        --remaining;
        if (remaining < len) {
          throw new Error("Buffer overflow");
        }
        data.push(buf.slice(offset, offset + len));
        offset += len;
        remaining -= len;
      }
      rtxt.decode.bytes = offset - oldOffset;
      return data;
    };
    rtxt.decode.bytes = 0;
    rtxt.encodingLength = function(data) {
      if (!Array.isArray(data)) data = [data];
      let length = 2;
      data.forEach(function(buf) {
        if (typeof buf === "string") {
          length += Buffer2.byteLength(buf) + 1;
        } else {
          length += buf.length + 1;
        }
      });
      return length;
    };
    var rnull = exports.null = {};
    rnull.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rnull.encodingLength(data));
      if (!offset) offset = 0;
      if (typeof data === "string") data = Buffer2.from(data);
      if (!data) data = Buffer2.alloc(0);
      const oldOffset = offset;
      offset += 2;
      const len = data.length;
      data.copy(buf, offset, 0, len);
      offset += len;
      buf.writeUInt16BE(offset - oldOffset - 2, oldOffset);
      rnull.encode.bytes = offset - oldOffset;
      return buf;
    };
    rnull.encode.bytes = 0;
    rnull.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const len = buf.readUInt16BE(offset);
      offset += 2;
      const data = buf.slice(offset, offset + len);
      offset += len;
      rnull.decode.bytes = offset - oldOffset;
      return data;
    };
    rnull.decode.bytes = 0;
    rnull.encodingLength = function(data) {
      if (!data) return 2;
      return (Buffer2.isBuffer(data) ? data.length : Buffer2.byteLength(data)) + 2;
    };
    var rhinfo = exports.hinfo = {};
    rhinfo.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rhinfo.encodingLength(data));
      if (!offset) offset = 0;
      const oldOffset = offset;
      offset += 2;
      string.encode(data.cpu, buf, offset);
      offset += string.encode.bytes;
      string.encode(data.os, buf, offset);
      offset += string.encode.bytes;
      buf.writeUInt16BE(offset - oldOffset - 2, oldOffset);
      rhinfo.encode.bytes = offset - oldOffset;
      return buf;
    };
    rhinfo.encode.bytes = 0;
    rhinfo.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const data = {};
      offset += 2;
      data.cpu = string.decode(buf, offset);
      offset += string.decode.bytes;
      data.os = string.decode(buf, offset);
      offset += string.decode.bytes;
      rhinfo.decode.bytes = offset - oldOffset;
      return data;
    };
    rhinfo.decode.bytes = 0;
    rhinfo.encodingLength = function(data) {
      return string.encodingLength(data.cpu) + string.encodingLength(data.os) + 2;
    };
    var rptr = exports.ptr = {};
    var rcname = exports.cname = rptr;
    var rdname = exports.dname = rptr;
    rptr.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rptr.encodingLength(data));
      if (!offset) offset = 0;
      name.encode(data, buf, offset + 2);
      buf.writeUInt16BE(name.encode.bytes, offset);
      rptr.encode.bytes = name.encode.bytes + 2;
      return buf;
    };
    rptr.encode.bytes = 0;
    rptr.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const data = name.decode(buf, offset + 2);
      rptr.decode.bytes = name.decode.bytes + 2;
      return data;
    };
    rptr.decode.bytes = 0;
    rptr.encodingLength = function(data) {
      return name.encodingLength(data) + 2;
    };
    var rsrv = exports.srv = {};
    rsrv.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rsrv.encodingLength(data));
      if (!offset) offset = 0;
      buf.writeUInt16BE(data.priority || 0, offset + 2);
      buf.writeUInt16BE(data.weight || 0, offset + 4);
      buf.writeUInt16BE(data.port || 0, offset + 6);
      name.encode(data.target, buf, offset + 8);
      const len = name.encode.bytes + 6;
      buf.writeUInt16BE(len, offset);
      rsrv.encode.bytes = len + 2;
      return buf;
    };
    rsrv.encode.bytes = 0;
    rsrv.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const len = buf.readUInt16BE(offset);
      const data = {};
      data.priority = buf.readUInt16BE(offset + 2);
      data.weight = buf.readUInt16BE(offset + 4);
      data.port = buf.readUInt16BE(offset + 6);
      data.target = name.decode(buf, offset + 8);
      rsrv.decode.bytes = len + 2;
      return data;
    };
    rsrv.decode.bytes = 0;
    rsrv.encodingLength = function(data) {
      return 8 + name.encodingLength(data.target);
    };
    var rcaa = exports.caa = {};
    rcaa.ISSUER_CRITICAL = 1 << 7;
    rcaa.encode = function(data, buf, offset) {
      const len = rcaa.encodingLength(data);
      if (!buf) buf = Buffer2.alloc(rcaa.encodingLength(data));
      if (!offset) offset = 0;
      if (data.issuerCritical) {
        data.flags = rcaa.ISSUER_CRITICAL;
      }
      buf.writeUInt16BE(len - 2, offset);
      offset += 2;
      buf.writeUInt8(data.flags || 0, offset);
      offset += 1;
      string.encode(data.tag, buf, offset);
      offset += string.encode.bytes;
      buf.write(data.value, offset);
      offset += Buffer2.byteLength(data.value);
      rcaa.encode.bytes = len;
      return buf;
    };
    rcaa.encode.bytes = 0;
    rcaa.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const len = buf.readUInt16BE(offset);
      offset += 2;
      const oldOffset = offset;
      const data = {};
      data.flags = buf.readUInt8(offset);
      offset += 1;
      data.tag = string.decode(buf, offset);
      offset += string.decode.bytes;
      data.value = buf.toString("utf-8", offset, oldOffset + len);
      data.issuerCritical = !!(data.flags & rcaa.ISSUER_CRITICAL);
      rcaa.decode.bytes = len + 2;
      return data;
    };
    rcaa.decode.bytes = 0;
    rcaa.encodingLength = function(data) {
      return string.encodingLength(data.tag) + string.encodingLength(data.value) + 2;
    };
    var rmx = exports.mx = {};
    rmx.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rmx.encodingLength(data));
      if (!offset) offset = 0;
      const oldOffset = offset;
      offset += 2;
      buf.writeUInt16BE(data.preference || 0, offset);
      offset += 2;
      name.encode(data.exchange, buf, offset);
      offset += name.encode.bytes;
      buf.writeUInt16BE(offset - oldOffset - 2, oldOffset);
      rmx.encode.bytes = offset - oldOffset;
      return buf;
    };
    rmx.encode.bytes = 0;
    rmx.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const data = {};
      offset += 2;
      data.preference = buf.readUInt16BE(offset);
      offset += 2;
      data.exchange = name.decode(buf, offset);
      offset += name.decode.bytes;
      rmx.decode.bytes = offset - oldOffset;
      return data;
    };
    rmx.encodingLength = function(data) {
      return 4 + name.encodingLength(data.exchange);
    };
    var ra = exports.a = {};
    ra.encode = function(host, buf, offset) {
      if (!buf) buf = Buffer2.alloc(ra.encodingLength(host));
      if (!offset) offset = 0;
      buf.writeUInt16BE(4, offset);
      offset += 2;
      ip.v4.encode(host, buf, offset);
      ra.encode.bytes = 6;
      return buf;
    };
    ra.encode.bytes = 0;
    ra.decode = function(buf, offset) {
      if (!offset) offset = 0;
      offset += 2;
      const host = ip.v4.decode(buf, offset);
      ra.decode.bytes = 6;
      return host;
    };
    ra.decode.bytes = 0;
    ra.encodingLength = function() {
      return 6;
    };
    var raaaa = exports.aaaa = {};
    raaaa.encode = function(host, buf, offset) {
      if (!buf) buf = Buffer2.alloc(raaaa.encodingLength(host));
      if (!offset) offset = 0;
      buf.writeUInt16BE(16, offset);
      offset += 2;
      ip.v6.encode(host, buf, offset);
      raaaa.encode.bytes = 18;
      return buf;
    };
    raaaa.encode.bytes = 0;
    raaaa.decode = function(buf, offset) {
      if (!offset) offset = 0;
      offset += 2;
      const host = ip.v6.decode(buf, offset);
      raaaa.decode.bytes = 18;
      return host;
    };
    raaaa.decode.bytes = 0;
    raaaa.encodingLength = function() {
      return 18;
    };
    var roption = exports.option = {};
    roption.encode = function(option, buf, offset) {
      if (!buf) buf = Buffer2.alloc(roption.encodingLength(option));
      if (!offset) offset = 0;
      const oldOffset = offset;
      const code = optioncodes.toCode(option.code);
      buf.writeUInt16BE(code, offset);
      offset += 2;
      if (option.data) {
        buf.writeUInt16BE(option.data.length, offset);
        offset += 2;
        option.data.copy(buf, offset);
        offset += option.data.length;
      } else {
        switch (code) {
          // case 3: NSID.  No encode makes sense.
          // case 5,6,7: Not implementable
          case 8:
            const spl = option.sourcePrefixLength || 0;
            const fam = option.family || ip.familyOf(option.ip);
            const ipBuf = ip.encode(option.ip, Buffer2.alloc);
            const ipLen = Math.ceil(spl / 8);
            buf.writeUInt16BE(ipLen + 4, offset);
            offset += 2;
            buf.writeUInt16BE(fam, offset);
            offset += 2;
            buf.writeUInt8(spl, offset++);
            buf.writeUInt8(option.scopePrefixLength || 0, offset++);
            ipBuf.copy(buf, offset, 0, ipLen);
            offset += ipLen;
            break;
          // case 9: EXPIRE (experimental)
          // case 10: COOKIE.  No encode makes sense.
          case 11:
            if (option.timeout) {
              buf.writeUInt16BE(2, offset);
              offset += 2;
              buf.writeUInt16BE(option.timeout, offset);
              offset += 2;
            } else {
              buf.writeUInt16BE(0, offset);
              offset += 2;
            }
            break;
          case 12:
            const len = option.length || 0;
            buf.writeUInt16BE(len, offset);
            offset += 2;
            buf.fill(0, offset, offset + len);
            offset += len;
            break;
          // case 13:  CHAIN.  Experimental.
          case 14:
            const tagsLen = option.tags.length * 2;
            buf.writeUInt16BE(tagsLen, offset);
            offset += 2;
            for (const tag of option.tags) {
              buf.writeUInt16BE(tag, offset);
              offset += 2;
            }
            break;
          default:
            throw new Error(`Unknown roption code: ${option.code}`);
        }
      }
      roption.encode.bytes = offset - oldOffset;
      return buf;
    };
    roption.encode.bytes = 0;
    roption.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const option = {};
      option.code = buf.readUInt16BE(offset);
      option.type = optioncodes.toString(option.code);
      offset += 2;
      const len = buf.readUInt16BE(offset);
      offset += 2;
      option.data = buf.slice(offset, offset + len);
      switch (option.code) {
        // case 3: NSID.  No decode makes sense.
        case 8:
          option.family = buf.readUInt16BE(offset);
          offset += 2;
          option.sourcePrefixLength = buf.readUInt8(offset++);
          option.scopePrefixLength = buf.readUInt8(offset++);
          const padded = Buffer2.alloc(option.family === 1 ? 4 : 16);
          buf.copy(padded, 0, offset, offset + len - 4);
          option.ip = ip.decode(padded);
          break;
        // case 12: Padding.  No decode makes sense.
        case 11:
          if (len > 0) {
            option.timeout = buf.readUInt16BE(offset);
            offset += 2;
          }
          break;
        case 14:
          option.tags = [];
          for (let i = 0; i < len; i += 2) {
            option.tags.push(buf.readUInt16BE(offset));
            offset += 2;
          }
      }
      roption.decode.bytes = len + 4;
      return option;
    };
    roption.decode.bytes = 0;
    roption.encodingLength = function(option) {
      if (option.data) {
        return option.data.length + 4;
      }
      const code = optioncodes.toCode(option.code);
      switch (code) {
        case 8:
          const spl = option.sourcePrefixLength || 0;
          return Math.ceil(spl / 8) + 8;
        case 11:
          return typeof option.timeout === "number" ? 6 : 4;
        case 12:
          return option.length + 4;
        case 14:
          return 4 + option.tags.length * 2;
      }
      throw new Error(`Unknown roption code: ${option.code}`);
    };
    var ropt = exports.opt = {};
    ropt.encode = function(options, buf, offset) {
      if (!buf) buf = Buffer2.alloc(ropt.encodingLength(options));
      if (!offset) offset = 0;
      const oldOffset = offset;
      const rdlen = encodingLengthList(options, roption);
      buf.writeUInt16BE(rdlen, offset);
      offset = encodeList(options, roption, buf, offset + 2);
      ropt.encode.bytes = offset - oldOffset;
      return buf;
    };
    ropt.encode.bytes = 0;
    ropt.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const options = [];
      let rdlen = buf.readUInt16BE(offset);
      offset += 2;
      let o = 0;
      while (rdlen > 0) {
        options[o++] = roption.decode(buf, offset);
        offset += roption.decode.bytes;
        rdlen -= roption.decode.bytes;
      }
      ropt.decode.bytes = offset - oldOffset;
      return options;
    };
    ropt.decode.bytes = 0;
    ropt.encodingLength = function(options) {
      return 2 + encodingLengthList(options || [], roption);
    };
    var rdnskey = exports.dnskey = {};
    rdnskey.PROTOCOL_DNSSEC = 3;
    rdnskey.ZONE_KEY = 128;
    rdnskey.SECURE_ENTRYPOINT = 32768;
    rdnskey.encode = function(key, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rdnskey.encodingLength(key));
      if (!offset) offset = 0;
      const oldOffset = offset;
      const keydata = key.key;
      if (!Buffer2.isBuffer(keydata)) {
        throw new Error("Key must be a Buffer");
      }
      offset += 2;
      buf.writeUInt16BE(key.flags, offset);
      offset += 2;
      buf.writeUInt8(rdnskey.PROTOCOL_DNSSEC, offset);
      offset += 1;
      buf.writeUInt8(key.algorithm, offset);
      offset += 1;
      keydata.copy(buf, offset, 0, keydata.length);
      offset += keydata.length;
      rdnskey.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rdnskey.encode.bytes - 2, oldOffset);
      return buf;
    };
    rdnskey.encode.bytes = 0;
    rdnskey.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      var key = {};
      var length = buf.readUInt16BE(offset);
      offset += 2;
      key.flags = buf.readUInt16BE(offset);
      offset += 2;
      if (buf.readUInt8(offset) !== rdnskey.PROTOCOL_DNSSEC) {
        throw new Error("Protocol must be 3");
      }
      offset += 1;
      key.algorithm = buf.readUInt8(offset);
      offset += 1;
      key.key = buf.slice(offset, oldOffset + length + 2);
      offset += key.key.length;
      rdnskey.decode.bytes = offset - oldOffset;
      return key;
    };
    rdnskey.decode.bytes = 0;
    rdnskey.encodingLength = function(key) {
      return 6 + Buffer2.byteLength(key.key);
    };
    var rrrsig = exports.rrsig = {};
    rrrsig.encode = function(sig, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rrrsig.encodingLength(sig));
      if (!offset) offset = 0;
      const oldOffset = offset;
      const signature = sig.signature;
      if (!Buffer2.isBuffer(signature)) {
        throw new Error("Signature must be a Buffer");
      }
      offset += 2;
      buf.writeUInt16BE(types.toType(sig.typeCovered), offset);
      offset += 2;
      buf.writeUInt8(sig.algorithm, offset);
      offset += 1;
      buf.writeUInt8(sig.labels, offset);
      offset += 1;
      buf.writeUInt32BE(sig.originalTTL, offset);
      offset += 4;
      buf.writeUInt32BE(sig.expiration, offset);
      offset += 4;
      buf.writeUInt32BE(sig.inception, offset);
      offset += 4;
      buf.writeUInt16BE(sig.keyTag, offset);
      offset += 2;
      name.encode(sig.signersName, buf, offset);
      offset += name.encode.bytes;
      signature.copy(buf, offset, 0, signature.length);
      offset += signature.length;
      rrrsig.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rrrsig.encode.bytes - 2, oldOffset);
      return buf;
    };
    rrrsig.encode.bytes = 0;
    rrrsig.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      var sig = {};
      var length = buf.readUInt16BE(offset);
      offset += 2;
      sig.typeCovered = types.toString(buf.readUInt16BE(offset));
      offset += 2;
      sig.algorithm = buf.readUInt8(offset);
      offset += 1;
      sig.labels = buf.readUInt8(offset);
      offset += 1;
      sig.originalTTL = buf.readUInt32BE(offset);
      offset += 4;
      sig.expiration = buf.readUInt32BE(offset);
      offset += 4;
      sig.inception = buf.readUInt32BE(offset);
      offset += 4;
      sig.keyTag = buf.readUInt16BE(offset);
      offset += 2;
      sig.signersName = name.decode(buf, offset);
      offset += name.decode.bytes;
      sig.signature = buf.slice(offset, oldOffset + length + 2);
      offset += sig.signature.length;
      rrrsig.decode.bytes = offset - oldOffset;
      return sig;
    };
    rrrsig.decode.bytes = 0;
    rrrsig.encodingLength = function(sig) {
      return 20 + name.encodingLength(sig.signersName) + Buffer2.byteLength(sig.signature);
    };
    var rrp = exports.rp = {};
    rrp.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rrp.encodingLength(data));
      if (!offset) offset = 0;
      const oldOffset = offset;
      offset += 2;
      name.encode(data.mbox || ".", buf, offset, { mail: true });
      offset += name.encode.bytes;
      name.encode(data.txt || ".", buf, offset);
      offset += name.encode.bytes;
      rrp.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rrp.encode.bytes - 2, oldOffset);
      return buf;
    };
    rrp.encode.bytes = 0;
    rrp.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const data = {};
      offset += 2;
      data.mbox = name.decode(buf, offset, { mail: true }) || ".";
      offset += name.decode.bytes;
      data.txt = name.decode(buf, offset) || ".";
      offset += name.decode.bytes;
      rrp.decode.bytes = offset - oldOffset;
      return data;
    };
    rrp.decode.bytes = 0;
    rrp.encodingLength = function(data) {
      return 2 + name.encodingLength(data.mbox || ".") + name.encodingLength(data.txt || ".");
    };
    var typebitmap = {};
    typebitmap.encode = function(typelist, buf, offset) {
      if (!buf) buf = Buffer2.alloc(typebitmap.encodingLength(typelist));
      if (!offset) offset = 0;
      const oldOffset = offset;
      var typesByWindow = [];
      for (var i = 0; i < typelist.length; i++) {
        var typeid = types.toType(typelist[i]);
        if (typesByWindow[typeid >> 8] === void 0) {
          typesByWindow[typeid >> 8] = [];
        }
        typesByWindow[typeid >> 8][typeid >> 3 & 31] |= 1 << 7 - (typeid & 7);
      }
      for (i = 0; i < typesByWindow.length; i++) {
        if (typesByWindow[i] !== void 0) {
          var windowBuf = Buffer2.from(typesByWindow[i]);
          buf.writeUInt8(i, offset);
          offset += 1;
          buf.writeUInt8(windowBuf.length, offset);
          offset += 1;
          windowBuf.copy(buf, offset);
          offset += windowBuf.length;
        }
      }
      typebitmap.encode.bytes = offset - oldOffset;
      return buf;
    };
    typebitmap.encode.bytes = 0;
    typebitmap.decode = function(buf, offset, length) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      var typelist = [];
      while (offset - oldOffset < length) {
        var window = buf.readUInt8(offset);
        offset += 1;
        var windowLength = buf.readUInt8(offset);
        offset += 1;
        for (var i = 0; i < windowLength; i++) {
          var b = buf.readUInt8(offset + i);
          for (var j = 0; j < 8; j++) {
            if (b & 1 << 7 - j) {
              var typeid = types.toString(window << 8 | i << 3 | j);
              typelist.push(typeid);
            }
          }
        }
        offset += windowLength;
      }
      typebitmap.decode.bytes = offset - oldOffset;
      return typelist;
    };
    typebitmap.decode.bytes = 0;
    typebitmap.encodingLength = function(typelist) {
      var extents = [];
      for (var i = 0; i < typelist.length; i++) {
        var typeid = types.toType(typelist[i]);
        extents[typeid >> 8] = Math.max(extents[typeid >> 8] || 0, typeid & 255);
      }
      var len = 0;
      for (i = 0; i < extents.length; i++) {
        if (extents[i] !== void 0) {
          len += 2 + Math.ceil((extents[i] + 1) / 8);
        }
      }
      return len;
    };
    var rnsec = exports.nsec = {};
    rnsec.encode = function(record, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rnsec.encodingLength(record));
      if (!offset) offset = 0;
      const oldOffset = offset;
      offset += 2;
      name.encode(record.nextDomain, buf, offset);
      offset += name.encode.bytes;
      typebitmap.encode(record.rrtypes, buf, offset);
      offset += typebitmap.encode.bytes;
      rnsec.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rnsec.encode.bytes - 2, oldOffset);
      return buf;
    };
    rnsec.encode.bytes = 0;
    rnsec.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      var record = {};
      var length = buf.readUInt16BE(offset);
      offset += 2;
      record.nextDomain = name.decode(buf, offset);
      offset += name.decode.bytes;
      record.rrtypes = typebitmap.decode(buf, offset, length - (offset - oldOffset));
      offset += typebitmap.decode.bytes;
      rnsec.decode.bytes = offset - oldOffset;
      return record;
    };
    rnsec.decode.bytes = 0;
    rnsec.encodingLength = function(record) {
      return 2 + name.encodingLength(record.nextDomain) + typebitmap.encodingLength(record.rrtypes);
    };
    var rnsec3 = exports.nsec3 = {};
    rnsec3.encode = function(record, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rnsec3.encodingLength(record));
      if (!offset) offset = 0;
      const oldOffset = offset;
      const salt = record.salt;
      if (!Buffer2.isBuffer(salt)) {
        throw new Error("salt must be a Buffer");
      }
      const nextDomain = record.nextDomain;
      if (!Buffer2.isBuffer(nextDomain)) {
        throw new Error("nextDomain must be a Buffer");
      }
      offset += 2;
      buf.writeUInt8(record.algorithm, offset);
      offset += 1;
      buf.writeUInt8(record.flags, offset);
      offset += 1;
      buf.writeUInt16BE(record.iterations, offset);
      offset += 2;
      buf.writeUInt8(salt.length, offset);
      offset += 1;
      salt.copy(buf, offset, 0, salt.length);
      offset += salt.length;
      buf.writeUInt8(nextDomain.length, offset);
      offset += 1;
      nextDomain.copy(buf, offset, 0, nextDomain.length);
      offset += nextDomain.length;
      typebitmap.encode(record.rrtypes, buf, offset);
      offset += typebitmap.encode.bytes;
      rnsec3.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rnsec3.encode.bytes - 2, oldOffset);
      return buf;
    };
    rnsec3.encode.bytes = 0;
    rnsec3.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      var record = {};
      var length = buf.readUInt16BE(offset);
      offset += 2;
      record.algorithm = buf.readUInt8(offset);
      offset += 1;
      record.flags = buf.readUInt8(offset);
      offset += 1;
      record.iterations = buf.readUInt16BE(offset);
      offset += 2;
      const saltLength = buf.readUInt8(offset);
      offset += 1;
      record.salt = buf.slice(offset, offset + saltLength);
      offset += saltLength;
      const hashLength = buf.readUInt8(offset);
      offset += 1;
      record.nextDomain = buf.slice(offset, offset + hashLength);
      offset += hashLength;
      record.rrtypes = typebitmap.decode(buf, offset, length - (offset - oldOffset));
      offset += typebitmap.decode.bytes;
      rnsec3.decode.bytes = offset - oldOffset;
      return record;
    };
    rnsec3.decode.bytes = 0;
    rnsec3.encodingLength = function(record) {
      return 8 + record.salt.length + record.nextDomain.length + typebitmap.encodingLength(record.rrtypes);
    };
    var rds = exports.ds = {};
    rds.encode = function(digest, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rds.encodingLength(digest));
      if (!offset) offset = 0;
      const oldOffset = offset;
      const digestdata = digest.digest;
      if (!Buffer2.isBuffer(digestdata)) {
        throw new Error("Digest must be a Buffer");
      }
      offset += 2;
      buf.writeUInt16BE(digest.keyTag, offset);
      offset += 2;
      buf.writeUInt8(digest.algorithm, offset);
      offset += 1;
      buf.writeUInt8(digest.digestType, offset);
      offset += 1;
      digestdata.copy(buf, offset, 0, digestdata.length);
      offset += digestdata.length;
      rds.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rds.encode.bytes - 2, oldOffset);
      return buf;
    };
    rds.encode.bytes = 0;
    rds.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      var digest = {};
      var length = buf.readUInt16BE(offset);
      offset += 2;
      digest.keyTag = buf.readUInt16BE(offset);
      offset += 2;
      digest.algorithm = buf.readUInt8(offset);
      offset += 1;
      digest.digestType = buf.readUInt8(offset);
      offset += 1;
      digest.digest = buf.slice(offset, oldOffset + length + 2);
      offset += digest.digest.length;
      rds.decode.bytes = offset - oldOffset;
      return digest;
    };
    rds.decode.bytes = 0;
    rds.encodingLength = function(digest) {
      return 6 + Buffer2.byteLength(digest.digest);
    };
    var rsshfp = exports.sshfp = {};
    rsshfp.getFingerprintLengthForHashType = function getFingerprintLengthForHashType(hashType) {
      switch (hashType) {
        case 1:
          return 20;
        case 2:
          return 32;
      }
    };
    rsshfp.encode = function encode(record, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rsshfp.encodingLength(record));
      if (!offset) offset = 0;
      const oldOffset = offset;
      offset += 2;
      buf[offset] = record.algorithm;
      offset += 1;
      buf[offset] = record.hash;
      offset += 1;
      const fingerprintBuf = Buffer2.from(record.fingerprint.toUpperCase(), "hex");
      if (fingerprintBuf.length !== rsshfp.getFingerprintLengthForHashType(record.hash)) {
        throw new Error("Invalid fingerprint length");
      }
      fingerprintBuf.copy(buf, offset);
      offset += fingerprintBuf.byteLength;
      rsshfp.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rsshfp.encode.bytes - 2, oldOffset);
      return buf;
    };
    rsshfp.encode.bytes = 0;
    rsshfp.decode = function decode(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const record = {};
      offset += 2;
      record.algorithm = buf[offset];
      offset += 1;
      record.hash = buf[offset];
      offset += 1;
      const fingerprintLength = rsshfp.getFingerprintLengthForHashType(record.hash);
      record.fingerprint = buf.slice(offset, offset + fingerprintLength).toString("hex").toUpperCase();
      offset += fingerprintLength;
      rsshfp.decode.bytes = offset - oldOffset;
      return record;
    };
    rsshfp.decode.bytes = 0;
    rsshfp.encodingLength = function(record) {
      return 4 + Buffer2.from(record.fingerprint, "hex").byteLength;
    };
    var rnaptr = exports.naptr = {};
    rnaptr.encode = function(data, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rnaptr.encodingLength(data));
      if (!offset) offset = 0;
      const oldOffset = offset;
      offset += 2;
      buf.writeUInt16BE(data.order || 0, offset);
      offset += 2;
      buf.writeUInt16BE(data.preference || 0, offset);
      offset += 2;
      string.encode(data.flags, buf, offset);
      offset += string.encode.bytes;
      string.encode(data.services, buf, offset);
      offset += string.encode.bytes;
      string.encode(data.regexp, buf, offset);
      offset += string.encode.bytes;
      name.encode(data.replacement, buf, offset);
      offset += name.encode.bytes;
      rnaptr.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rnaptr.encode.bytes - 2, oldOffset);
      return buf;
    };
    rnaptr.encode.bytes = 0;
    rnaptr.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const data = {};
      offset += 2;
      data.order = buf.readUInt16BE(offset);
      offset += 2;
      data.preference = buf.readUInt16BE(offset);
      offset += 2;
      data.flags = string.decode(buf, offset);
      offset += string.decode.bytes;
      data.services = string.decode(buf, offset);
      offset += string.decode.bytes;
      data.regexp = string.decode(buf, offset);
      offset += string.decode.bytes;
      data.replacement = name.decode(buf, offset);
      offset += name.decode.bytes;
      rnaptr.decode.bytes = offset - oldOffset;
      return data;
    };
    rnaptr.decode.bytes = 0;
    rnaptr.encodingLength = function(data) {
      return string.encodingLength(data.flags) + string.encodingLength(data.services) + string.encodingLength(data.regexp) + name.encodingLength(data.replacement) + 6;
    };
    var rtlsa = exports.tlsa = {};
    rtlsa.encode = function(cert, buf, offset) {
      if (!buf) buf = Buffer2.alloc(rtlsa.encodingLength(cert));
      if (!offset) offset = 0;
      const oldOffset = offset;
      const certdata = cert.certificate;
      if (!Buffer2.isBuffer(certdata)) {
        throw new Error("Certificate must be a Buffer");
      }
      offset += 2;
      buf.writeUInt8(cert.usage, offset);
      offset += 1;
      buf.writeUInt8(cert.selector, offset);
      offset += 1;
      buf.writeUInt8(cert.matchingType, offset);
      offset += 1;
      certdata.copy(buf, offset, 0, certdata.length);
      offset += certdata.length;
      rtlsa.encode.bytes = offset - oldOffset;
      buf.writeUInt16BE(rtlsa.encode.bytes - 2, oldOffset);
      return buf;
    };
    rtlsa.encode.bytes = 0;
    rtlsa.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const cert = {};
      const length = buf.readUInt16BE(offset);
      offset += 2;
      cert.usage = buf.readUInt8(offset);
      offset += 1;
      cert.selector = buf.readUInt8(offset);
      offset += 1;
      cert.matchingType = buf.readUInt8(offset);
      offset += 1;
      cert.certificate = buf.slice(offset, oldOffset + length + 2);
      offset += cert.certificate.length;
      rtlsa.decode.bytes = offset - oldOffset;
      return cert;
    };
    rtlsa.decode.bytes = 0;
    rtlsa.encodingLength = function(cert) {
      return 5 + Buffer2.byteLength(cert.certificate);
    };
    var renc = exports.record = function(type) {
      switch (type.toUpperCase()) {
        case "A":
          return ra;
        case "PTR":
          return rptr;
        case "CNAME":
          return rcname;
        case "DNAME":
          return rdname;
        case "TXT":
          return rtxt;
        case "NULL":
          return rnull;
        case "AAAA":
          return raaaa;
        case "SRV":
          return rsrv;
        case "HINFO":
          return rhinfo;
        case "CAA":
          return rcaa;
        case "NS":
          return rns;
        case "SOA":
          return rsoa;
        case "MX":
          return rmx;
        case "OPT":
          return ropt;
        case "DNSKEY":
          return rdnskey;
        case "RRSIG":
          return rrrsig;
        case "RP":
          return rrp;
        case "NSEC":
          return rnsec;
        case "NSEC3":
          return rnsec3;
        case "SSHFP":
          return rsshfp;
        case "DS":
          return rds;
        case "NAPTR":
          return rnaptr;
        case "TLSA":
          return rtlsa;
      }
      return runknown;
    };
    var answer = exports.answer = {};
    answer.encode = function(a, buf, offset) {
      if (!buf) buf = Buffer2.alloc(answer.encodingLength(a));
      if (!offset) offset = 0;
      const oldOffset = offset;
      name.encode(a.name, buf, offset);
      offset += name.encode.bytes;
      buf.writeUInt16BE(types.toType(a.type), offset);
      if (a.type.toUpperCase() === "OPT") {
        if (a.name !== ".") {
          throw new Error("OPT name must be root.");
        }
        buf.writeUInt16BE(a.udpPayloadSize || 4096, offset + 2);
        buf.writeUInt8(a.extendedRcode || 0, offset + 4);
        buf.writeUInt8(a.ednsVersion || 0, offset + 5);
        buf.writeUInt16BE(a.flags || 0, offset + 6);
        offset += 8;
        ropt.encode(a.options || [], buf, offset);
        offset += ropt.encode.bytes;
      } else {
        let klass = classes.toClass(a.class === void 0 ? "IN" : a.class);
        if (a.flush) klass |= FLUSH_MASK;
        buf.writeUInt16BE(klass, offset + 2);
        buf.writeUInt32BE(a.ttl || 0, offset + 4);
        offset += 8;
        const enc = renc(a.type);
        enc.encode(a.data, buf, offset);
        offset += enc.encode.bytes;
      }
      answer.encode.bytes = offset - oldOffset;
      return buf;
    };
    answer.encode.bytes = 0;
    answer.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const a = {};
      const oldOffset = offset;
      a.name = name.decode(buf, offset);
      offset += name.decode.bytes;
      a.type = types.toString(buf.readUInt16BE(offset));
      if (a.type === "OPT") {
        a.udpPayloadSize = buf.readUInt16BE(offset + 2);
        a.extendedRcode = buf.readUInt8(offset + 4);
        a.ednsVersion = buf.readUInt8(offset + 5);
        a.flags = buf.readUInt16BE(offset + 6);
        a.flag_do = (a.flags >> 15 & 1) === 1;
        a.options = ropt.decode(buf, offset + 8);
        offset += 8 + ropt.decode.bytes;
      } else {
        const klass = buf.readUInt16BE(offset + 2);
        a.ttl = buf.readUInt32BE(offset + 4);
        a.class = classes.toString(klass & NOT_FLUSH_MASK);
        a.flush = !!(klass & FLUSH_MASK);
        const enc = renc(a.type);
        a.data = enc.decode(buf, offset + 8);
        offset += 8 + enc.decode.bytes;
      }
      answer.decode.bytes = offset - oldOffset;
      return a;
    };
    answer.decode.bytes = 0;
    answer.encodingLength = function(a) {
      const data = a.data !== null && a.data !== void 0 ? a.data : a.options;
      return name.encodingLength(a.name) + 8 + renc(a.type).encodingLength(data);
    };
    var question = exports.question = {};
    question.encode = function(q, buf, offset) {
      if (!buf) buf = Buffer2.alloc(question.encodingLength(q));
      if (!offset) offset = 0;
      const oldOffset = offset;
      name.encode(q.name, buf, offset);
      offset += name.encode.bytes;
      buf.writeUInt16BE(types.toType(q.type), offset);
      offset += 2;
      buf.writeUInt16BE(classes.toClass(q.class === void 0 ? "IN" : q.class), offset);
      offset += 2;
      question.encode.bytes = offset - oldOffset;
      return q;
    };
    question.encode.bytes = 0;
    question.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const q = {};
      q.name = name.decode(buf, offset);
      offset += name.decode.bytes;
      q.type = types.toString(buf.readUInt16BE(offset));
      offset += 2;
      q.class = classes.toString(buf.readUInt16BE(offset));
      offset += 2;
      const qu = !!(q.class & QU_MASK);
      if (qu) q.class &= NOT_QU_MASK;
      question.decode.bytes = offset - oldOffset;
      return q;
    };
    question.decode.bytes = 0;
    question.encodingLength = function(q) {
      return name.encodingLength(q.name) + 4;
    };
    exports.AUTHORITATIVE_ANSWER = 1 << 10;
    exports.TRUNCATED_RESPONSE = 1 << 9;
    exports.RECURSION_DESIRED = 1 << 8;
    exports.RECURSION_AVAILABLE = 1 << 7;
    exports.AUTHENTIC_DATA = 1 << 5;
    exports.CHECKING_DISABLED = 1 << 4;
    exports.DNSSEC_OK = 1 << 15;
    exports.encode = function(result, buf, offset) {
      const allocing = !buf;
      if (allocing) buf = Buffer2.alloc(exports.encodingLength(result));
      if (!offset) offset = 0;
      const oldOffset = offset;
      if (!result.questions) result.questions = [];
      if (!result.answers) result.answers = [];
      if (!result.authorities) result.authorities = [];
      if (!result.additionals) result.additionals = [];
      header.encode(result, buf, offset);
      offset += header.encode.bytes;
      offset = encodeList(result.questions, question, buf, offset);
      offset = encodeList(result.answers, answer, buf, offset);
      offset = encodeList(result.authorities, answer, buf, offset);
      offset = encodeList(result.additionals, answer, buf, offset);
      exports.encode.bytes = offset - oldOffset;
      if (allocing && exports.encode.bytes !== buf.length) {
        return buf.slice(0, exports.encode.bytes);
      }
      return buf;
    };
    exports.encode.bytes = 0;
    exports.decode = function(buf, offset) {
      if (!offset) offset = 0;
      const oldOffset = offset;
      const result = header.decode(buf, offset);
      offset += header.decode.bytes;
      offset = decodeList(result.questions, question, buf, offset);
      offset = decodeList(result.answers, answer, buf, offset);
      offset = decodeList(result.authorities, answer, buf, offset);
      offset = decodeList(result.additionals, answer, buf, offset);
      exports.decode.bytes = offset - oldOffset;
      return result;
    };
    exports.decode.bytes = 0;
    exports.encodingLength = function(result) {
      return header.encodingLength(result) + encodingLengthList(result.questions || [], question) + encodingLengthList(result.answers || [], answer) + encodingLengthList(result.authorities || [], answer) + encodingLengthList(result.additionals || [], answer);
    };
    exports.streamEncode = function(result) {
      const buf = exports.encode(result);
      const sbuf = Buffer2.alloc(2);
      sbuf.writeUInt16BE(buf.byteLength);
      const combine = Buffer2.concat([sbuf, buf]);
      exports.streamEncode.bytes = combine.byteLength;
      return combine;
    };
    exports.streamEncode.bytes = 0;
    exports.streamDecode = function(sbuf) {
      const len = sbuf.readUInt16BE(0);
      if (sbuf.byteLength < len + 2) {
        return null;
      }
      const result = exports.decode(sbuf.slice(2));
      exports.streamDecode.bytes = exports.decode.bytes;
      return result;
    };
    exports.streamDecode.bytes = 0;
    function encodingLengthList(list, enc) {
      let len = 0;
      for (let i = 0; i < list.length; i++) len += enc.encodingLength(list[i]);
      return len;
    }
    function encodeList(list, enc, buf, offset) {
      for (let i = 0; i < list.length; i++) {
        enc.encode(list[i], buf, offset);
        offset += enc.encode.bytes;
      }
      return offset;
    }
    function decodeList(list, enc, buf, offset) {
      for (let i = 0; i < list.length; i++) {
        list[i] = enc.decode(buf, offset);
        offset += enc.decode.bytes;
      }
      return offset;
    }
  }
});

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
var ProtocolError = class extends Error {
  name = "ProtocolError";
};
var InternalError = class extends Error {
  name = "InternalError";
};
function errorMessage(err) {
  return err instanceof Error ? err.message : String(err);
}

// src/egress/main.ts
import os from "node:os";

// src/egress/config.ts
import net2 from "node:net";

// src/egress/policy.ts
import net from "node:net";
var LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;
function canonicalHost(text) {
  const raw = text.trim();
  if (raw === "" || raw.length > 255 || !/^[A-Za-z0-9.\-_:[\]]+$/.test(raw)) return null;
  const bracketed = raw.startsWith("[") ? raw : net.isIPv6(raw) ? `[${raw}]` : raw;
  if (!bracketed.startsWith("[") && bracketed.includes(":")) return null;
  let host;
  try {
    host = new URL(`http://${bracketed}/`).hostname;
  } catch {
    return null;
  }
  if (host.startsWith("[")) {
    const address = host.slice(1, -1);
    const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address);
    if (mapped) {
      const hi = parseInt(mapped[1], 16);
      const lo = parseInt(mapped[2], 16);
      return { kind: "ip", address: `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, family: "ipv4" };
    }
    return { kind: "ip", address, family: "ipv6" };
  }
  if (net.isIPv4(host)) return { kind: "ip", address: host, family: "ipv4" };
  const name = host.replace(/\.$/, "");
  if (name.length === 0 || name.length > 253) return null;
  const labels = name.split(".");
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  if (/^\d+$/.test(labels[labels.length - 1])) return null;
  return { kind: "name", name };
}
function parseDomainRule(text) {
  const t = text.trim();
  if (t.startsWith("*.")) {
    const rest = canonicalHost(t.slice(2));
    if (rest?.kind !== "name")
      throw new InputError("--allow-domain", `'${text}' is not *.name with a valid name`);
    return { kind: "suffix", suffix: rest.name };
  }
  const h = canonicalHost(t);
  if (h?.kind !== "name") {
    throw new InputError(
      "--allow-domain",
      `'${text}' is not a host name like github.com or *.githubusercontent.com`
    );
  }
  return { kind: "exact", name: h.name };
}
function matchesRule(name, rule) {
  return rule.kind === "exact" ? name === rule.name : name.endsWith(`.${rule.suffix}`);
}
function parseCidr(text) {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text.trim());
  const family = m ? net.isIPv4(m[1]) ? "ipv4" : net.isIPv6(m[1]) ? "ipv6" : null : null;
  const prefix = m ? Number(m[2]) : -1;
  if (!m || !family || prefix > (family === "ipv4" ? 32 : 128)) {
    throw new InputError("--allow-cidr", `'${text}' is not a CIDR like 10.1.0.0/16 or fd00::/8`);
  }
  return { text: text.trim(), address: m[1], prefix, family };
}
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
function specialClass(address) {
  const family = net.isIPv4(address) ? "ipv4" : net.isIPv6(address) ? "ipv6" : null;
  if (!family) return "invalid";
  for (const { name, b } of specialLists) if (b.check(address, family)) return name;
  return null;
}
function inAllowedCidr(policy, address) {
  const family = net.isIPv4(address) ? "ipv4" : "ipv6";
  return policy.allowCidrs.some((c) => {
    const b = new net.BlockList();
    b.addSubnet(c.address, c.prefix, c.family);
    return b.check(address, family);
  });
}
function decideTarget(policy, hostText, port) {
  const t = canonicalHost(hostText);
  if (!t)
    return { allow: false, reason: "invalid-host", detail: `'${hostText.slice(0, 100)}' is not a host` };
  if (!policy.ports.includes(port)) {
    return {
      allow: false,
      reason: "port-not-allowed",
      detail: `port ${port} is not in ${policy.ports.join(", ")}`
    };
  }
  if (t.kind === "ip") {
    return inAllowedCidr(policy, t.address) ? { allow: true, reason: `address ${t.address} is in --allow-cidr` } : { allow: false, reason: "ip-literal", detail: `${t.address} is an address, not a listed name` };
  }
  const rule = policy.domains.find((r) => matchesRule(t.name, r));
  if (rule)
    return {
      allow: true,
      reason: rule.kind === "exact" ? `listed: ${rule.name}` : `listed: *.${rule.suffix}`
    };
  if (policy.mode === "audit") return { allow: true, reason: "audit mode: any public destination" };
  return { allow: false, reason: "not-allowlisted", detail: `${t.name} is not in the allowlist` };
}
function decideAddresses(policy, name, addresses) {
  if (addresses.length === 0) return { allow: false, reason: "no-address", detail: `${name} has no address` };
  for (const a of addresses) {
    const cls = specialClass(a);
    if (cls !== null && !inAllowedCidr(policy, a)) {
      return { allow: false, reason: "special-address", detail: `${name} resolves to ${a} (${cls})` };
    }
  }
  return { allow: true, reason: `resolved to ${addresses[0]}`, address: addresses[0] };
}
function decideSni(connectHost, sni) {
  if (sni === null || sni === "")
    return { allow: false, reason: "sni-missing", detail: "the TLS ClientHello names no server" };
  const a = canonicalHost(connectHost);
  const b = canonicalHost(sni);
  if (a && b && a.kind === "name" && b.kind === "name" && a.name === b.name)
    return { allow: true, reason: "sni matches" };
  return {
    allow: false,
    reason: "sni-mismatch",
    detail: `TLS names '${sni.slice(0, 100)}', CONNECT named '${connectHost}'`
  };
}
function decideHostHeader(uriHost, hostHeader) {
  if (hostHeader === void 0) return { allow: true, reason: "no Host header" };
  const strip = (h) => h.replace(/:\d+$/, "");
  const a = canonicalHost(strip(uriHost));
  const b = canonicalHost(strip(hostHeader));
  const same = a && b && (a.kind === "name" ? b.kind === "name" && a.name === b.name : b.kind === "ip" && a.address === b.address);
  return same ? { allow: true, reason: "Host header matches" } : {
    allow: false,
    reason: "host-header-mismatch",
    detail: `Host '${hostHeader.slice(0, 100)}' is not '${uriHost}'`
  };
}
function printable(text) {
  return text.slice(0, 100).replace(/[^\x21-\x7e]/g, "?");
}
function decideDnsQuestion(policy, name, type, klass) {
  const t = canonicalHost(name);
  if (!t) {
    return {
      answer: "nxdomain",
      host: printable(name),
      reason: "invalid-host",
      detail: `'${printable(name)}' is not a host name`
    };
  }
  if (t.kind === "ip") {
    return {
      answer: "nxdomain",
      host: t.address,
      reason: "ip-literal",
      detail: `${t.address} is an address, not a listed name`
    };
  }
  const listed = policy.domains.some((r) => matchesRule(t.name, r)) || policy.mode === "audit";
  if (!listed) {
    return {
      answer: "nxdomain",
      host: t.name,
      reason: "not-allowlisted",
      detail: `${t.name} is not in the allowlist`
    };
  }
  return { answer: type === "A" && klass === "IN" ? "proxy-address" : "empty", host: t.name };
}
function decideTransparentName(policy, name, port, from) {
  if (name === null || name === void 0 || name === "") {
    return from === "sni" ? { allow: false, reason: "sni-missing", detail: "the TLS ClientHello names no server" } : { allow: false, reason: "host-missing", detail: "the request has no Host header" };
  }
  const t = canonicalHost(name);
  if (t?.kind === "ip") {
    return {
      allow: false,
      reason: "ip-literal",
      detail: `${from === "sni" ? "the TLS server name" : "Host"} ${t.address} is an address; transparent mode routes by name`
    };
  }
  return decideTarget(policy, name, port);
}
function transparentProtocol(port, firstByte) {
  const tls = firstByte === 22;
  const http4 = firstByte >= 65 && firstByte <= 90;
  if (port === 443) return tls ? "tls" : null;
  if (port === 80) return http4 ? "http" : null;
  return tls ? "tls" : http4 ? "http" : null;
}
function splitHostHeader(text) {
  const m = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(text.trim());
  if (!m) return null;
  return { host: m[1], port: m[2] === void 0 ? null : Number(m[2]) };
}

// src/egress/config.ts
var PROXY_PORT = 3128;
var DNS_PORT = 53;
var CONFIG_ENV = "SANDBOX_EGRESS_CONFIG";
var PROXY_DEFAULTS = {
  port: PROXY_PORT,
  maxHeaderBytes: 16 * 1024,
  maxConnections: 512,
  idleTimeoutMs: 12e4
};
function fail(what) {
  throw new InputError(CONFIG_ENV, what);
}
function strings(v, name) {
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) fail(`${name} is not a list of strings`);
  return v;
}
function int(v, name, min, max) {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) fail(`${name} is out of range`);
  return v;
}
function parseHosts(raw) {
  const hosts = {};
  for (const [name, addrs] of Object.entries(raw ?? {})) {
    const list = strings(addrs, `hosts.${name}`);
    if (!list.every((a) => net2.isIP(a) !== 0)) fail(`hosts.${name} has an address that is not an IP`);
    hosts[name] = list;
  }
  return hosts;
}
function parseRoutes(raw) {
  return (Array.isArray(raw) ? raw : raw === void 0 ? [] : fail("routes")).map(
    (r, i) => {
      if (typeof r !== "object" || r === null || Array.isArray(r)) fail(`routes[${i}] is not an object`);
      const str = (v, name) => typeof v === "string" && v.length > 0 ? v : fail(`routes[${i}].${name} is not a string`);
      return {
        name: str(r.name, "name"),
        host: str(r.host, "host"),
        port: int(r.port, `routes[${i}].port`, 1, 65535),
        header: str(r.header, "header"),
        value: str(r.value, "value"),
        ca: r.ca === null || r.ca === void 0 ? null : str(r.ca, "ca")
      };
    }
  );
}
function parseProxyConfig(text) {
  let raw;
  try {
    raw = JSON.parse(text);
  } catch {
    fail("is not JSON");
  }
  if (typeof raw !== "object" || raw === null) fail("is not an object");
  const c = raw;
  if (c.mode !== "allowlist" && c.mode !== "audit") fail("mode is not allowlist or audit");
  const ports = Array.isArray(c.ports) ? c.ports.map((p) => int(p, "ports", 1, 65535)) : fail("ports");
  const hosts = parseHosts(c.hosts);
  const transparent = c.transparent ?? false;
  if (typeof transparent !== "boolean") fail("transparent is not true or false");
  if (transparent && c.mode !== "allowlist") fail("transparent needs mode allowlist");
  if (transparent && ports.some((p) => p === DNS_PORT || p === c.port)) {
    fail(`transparent: ports must not include ${DNS_PORT} (DNS) or the proxy port`);
  }
  const routes = parseRoutes(c.routes);
  const dnsServers = strings(c.dnsServers ?? [], "dnsServers");
  if (!dnsServers.every((a) => net2.isIP(a) !== 0)) fail("dnsServers has an address that is not an IP");
  return {
    policy: {
      mode: c.mode,
      domains: strings(c.domains, "domains").map(parseDomainRule),
      ports,
      allowCidrs: strings(c.allowCidrs, "allowCidrs").map(parseCidr)
    },
    hosts,
    dnsServers,
    routes,
    listenSubnet: c.listenSubnet ? parseCidr(c.listenSubnet).text : null,
    transparent,
    port: int(c.port, "port", 1, 65535),
    maxHeaderBytes: int(c.maxHeaderBytes, "maxHeaderBytes", 1024, 1024 * 1024),
    maxConnections: int(c.maxConnections, "maxConnections", 1, 65536),
    idleTimeoutMs: int(c.idleTimeoutMs, "idleTimeoutMs", 100, 24 * 36e5),
    maxTotalBytes: c.maxTotalBytes === null || c.maxTotalBytes === void 0 ? null : int(c.maxTotalBytes, "maxTotalBytes", 1, Number.MAX_SAFE_INTEGER)
  };
}

// src/egress/dns.ts
var import_dns_packet = __toESM(require_dns_packet(), 1);
import dgram from "node:dgram";
import net3 from "node:net";

// src/egress/record.ts
function decisionRecord(at, f) {
  return {
    time: f.time ?? new Date(at.started).toISOString(),
    kind: f.kind ?? at.kind,
    host: f.host ?? at.host,
    port: f.port ?? at.port,
    address: f.address ?? null,
    decision: f.decision,
    reason: f.reason,
    ...f.detail !== void 0 ? { detail: f.detail } : {},
    ...f.error !== void 0 ? { error: f.error } : {},
    bytesUp: f.bytesUp ?? 0,
    bytesDown: f.bytesDown ?? 0,
    durationMs: f.durationMs ?? Date.now() - at.started
  };
}
function onceRecorder(log2, at) {
  let logged = false;
  return (f) => {
    if (logged) return;
    logged = true;
    log2(decisionRecord(at, f));
  };
}
function instantRefusal(at, f) {
  return decisionRecord({ ...at, started: Date.now() }, { ...f, decision: "deny", durationMs: 0 });
}

// src/egress/dns.ts
var DNS_TTL = 60;
var RCODE = { NOERROR: 0, FORMERR: 1, NXDOMAIN: 3, NOTIMP: 4 };
var TCP_IDLE_MS = 1e4;
var TCP_MAX_PENDING = 64 * 1024 + 2;
function headerOnly(msg, rcode) {
  const id = msg.readUInt16BE(0);
  const rd = msg.readUInt16BE(2) & import_dns_packet.default.RECURSION_DESIRED;
  return import_dns_packet.default.encode({ type: "response", id, flags: rd | rcode, questions: [] });
}
function answerDns(policy, proxyAddress, msg) {
  if (msg.length < 12) {
    return {
      reply: null,
      refusal: { host: "(malformed)", reason: "bad-request", detail: "not a DNS message" }
    };
  }
  let q;
  try {
    q = import_dns_packet.default.decode(msg);
  } catch (err) {
    return {
      reply: headerOnly(msg, RCODE.FORMERR),
      refusal: { host: "(malformed)", reason: "bad-request", detail: `DNS: ${errorMessage(err)}` }
    };
  }
  if (q.type === "response") return { reply: null, refusal: null };
  const opcode = msg.readUInt16BE(2) >> 11 & 15;
  if (opcode !== 0) return { reply: headerOnly(msg, RCODE.NOTIMP), refusal: null };
  const questions = q.questions ?? [];
  if (questions.length !== 1) {
    return {
      reply: headerOnly(msg, RCODE.FORMERR),
      refusal: {
        host: "(malformed)",
        reason: "bad-request",
        detail: `DNS: ${questions.length} questions in one message`
      }
    };
  }
  const question = questions[0];
  const d = decideDnsQuestion(policy, question.name, question.type, question.class ?? "IN");
  const flags = import_dns_packet.default.AUTHORITATIVE_ANSWER | import_dns_packet.default.RECURSION_AVAILABLE | (q.flags ?? 0) & import_dns_packet.default.RECURSION_DESIRED | (d.answer === "nxdomain" ? RCODE.NXDOMAIN : RCODE.NOERROR);
  let reply;
  try {
    reply = import_dns_packet.default.encode({
      type: "response",
      id: q.id ?? 0,
      flags,
      questions: [question],
      answers: d.answer === "proxy-address" ? [{ type: "A", name: question.name, class: "IN", ttl: DNS_TTL, data: proxyAddress }] : []
    });
  } catch {
    reply = headerOnly(msg, d.answer === "nxdomain" ? RCODE.NXDOMAIN : RCODE.FORMERR);
  }
  return {
    reply,
    refusal: d.answer === "nxdomain" ? { host: d.host, reason: d.reason, detail: d.detail } : null
  };
}
async function startDnsResponder(policy, address, log2, port = DNS_PORT) {
  const answer = (msg) => {
    const a = answerDns(policy, address, msg);
    if (a.refusal) {
      log2(
        instantRefusal(
          { kind: "dns", host: a.refusal.host, port: DNS_PORT },
          { reason: a.refusal.reason, detail: a.refusal.detail }
        )
      );
    }
    return a.reply;
  };
  const udp = await listenUdp(address, port, answer);
  const tcp = await listenTcp(address, port, answer);
  return {
    close() {
      udp.close();
      tcp.close();
    }
  };
}
async function listenUdp(address, port, answer) {
  const udp = dgram.createSocket({ type: net3.isIPv6(address) ? "udp6" : "udp4" });
  udp.on("message", (msg, rinfo) => {
    const reply = answer(msg);
    if (reply) udp.send(reply, rinfo.port, rinfo.address);
  });
  udp.on("error", (err) => process.stderr.write(`egress-proxy: dns/udp: ${err.message}
`));
  await new Promise((resolve, reject) => {
    udp.once("error", reject);
    udp.bind({ address, port }, () => {
      udp.off("error", reject);
      resolve();
    });
  });
  return udp;
}
async function listenTcp(address, port, answer) {
  const tcp = net3.createServer((s) => {
    let pending = Buffer.alloc(0);
    s.setTimeout(TCP_IDLE_MS, () => s.destroy());
    s.on("error", () => s.destroy());
    s.on("data", (c) => {
      pending = Buffer.concat([pending, c]);
      if (pending.length > TCP_MAX_PENDING) return void s.destroy();
      while (pending.length >= 2) {
        const len = pending.readUInt16BE(0);
        if (pending.length < 2 + len) break;
        const reply = answer(pending.subarray(2, 2 + len));
        pending = pending.subarray(2 + len);
        if (reply) {
          const size = Buffer.alloc(2);
          size.writeUInt16BE(reply.length);
          s.write(Buffer.concat([size, reply]));
        }
      }
    });
  });
  tcp.maxConnections = 64;
  await new Promise((resolve, reject) => {
    tcp.once("error", reject);
    tcp.listen({ host: address, port }, () => {
      tcp.off("error", reject);
      resolve();
    });
  });
  tcp.on("error", (err) => process.stderr.write(`egress-proxy: dns/tcp: ${err.message}
`));
  return tcp;
}

// src/egress/server.ts
import http2 from "node:http";
import net5 from "node:net";

// src/egress/core.ts
import dns from "node:dns";

// src/egress/read-buffers.ts
var ReadBuffers = class {
  constructor(size = 1024 * 1024, maxLent = 64, maxIdle = 16, smallRead = 64 * 1024) {
    this.size = size;
    this.maxLent = maxLent;
    this.maxIdle = maxIdle;
    this.smallRead = smallRead;
    this.shared = Buffer.allocUnsafe(size);
  }
  size;
  maxLent;
  maxIdle;
  smallRead;
  shared;
  /** Buffers free for a read or a copy. */
  idle = [];
  lent = /* @__PURE__ */ new Set();
  /** How many buffers are out (for tests and limits). */
  get out() {
    return this.lent.size;
  }
  /** A buffer for a socket's next read: lent from the pool, or the shared one when too many are out. */
  next() {
    if (this.lent.size >= this.maxLent) return this.shared;
    const b = this.idle.pop() ?? Buffer.allocUnsafeSlow(this.size);
    this.lent.add(b);
    return b;
  }
  /** Return a lent buffer (once its write is done, or unused). Giving the shared one, or one twice, does nothing. */
  give(b) {
    if (!(b instanceof Buffer) || !this.lent.delete(b)) return;
    if (this.idle.length < this.maxIdle) this.idle.push(b);
  }
  /**
   * Take the bytes of one read out of `buf`: a lent buffer is handed over as is; the shared one is copied (it is
   * read into again at once). Call `done` when the chunk's write has completed (or failed).
   */
  take(buf, n) {
    if (buf instanceof Buffer && this.lent.has(buf)) {
      return { chunk: buf.subarray(0, n), done: () => this.give(buf) };
    }
    if (n < this.smallRead) return { chunk: Buffer.from(buf.subarray(0, n)), done: () => void 0 };
    const into = this.idle.pop() ?? Buffer.allocUnsafeSlow(this.size);
    into.set(buf.subarray(0, n));
    let back = false;
    return {
      chunk: into.subarray(0, n),
      done: () => {
        if (back) return;
        back = true;
        if (this.idle.length < this.maxIdle) this.idle.push(into);
      }
    };
  }
};

// src/egress/core.ts
function makeLookup(cfg) {
  const resolver = cfg.dnsServers.length ? new dns.promises.Resolver({ timeout: 3e3, tries: 2 }) : null;
  resolver?.setServers(cfg.dnsServers);
  return async (name) => {
    const mapped = cfg.hosts[name];
    if (mapped) return mapped;
    if (resolver) {
      const [a, aaaa] = await Promise.allSettled([resolver.resolve4(name), resolver.resolve6(name)]);
      return [
        ...a.status === "fulfilled" ? a.value : [],
        ...aaaa.status === "fulfilled" ? aaaa.value : []
      ];
    }
    const all = await dns.promises.lookup(name, { all: true, verbatim: true }).catch(() => []);
    return all.map((r) => r.address);
  };
}
function createProxyCore(cfg, deps) {
  const buffers = deps.buffers ?? new ReadBuffers();
  let active = 0;
  let finished = 0;
  const live = /* @__PURE__ */ new Set();
  const totalBytes = () => {
    let t = finished;
    for (const l of live) t += l.bytes();
    return t;
  };
  const capReached = () => cfg.maxTotalBytes !== null && totalBytes() >= cfg.maxTotalBytes;
  const enforceCap = () => {
    if (capReached()) for (const l of [...live]) l.destroy("byte-cap");
  };
  const sampler = cfg.maxTotalBytes !== null ? setInterval(enforceCap, 100) : null;
  sampler?.unref();
  return {
    cfg,
    deps,
    buffers,
    capped: sampler !== null,
    capReached,
    enforceCap,
    live: (entry) => void live.add(entry),
    end(entry) {
      if (live.delete(entry)) finished += entry.bytes();
    },
    takeSlot() {
      active++;
      let released = false;
      return () => {
        if (!released) {
          released = true;
          active--;
        }
      };
    },
    admit: (hostText, port) => admit(cfg, deps, hostText, port, { capReached, active: () => active }),
    totalBytes,
    activeConnections: () => active,
    shutdown() {
      if (sampler) clearInterval(sampler);
      for (const l of [...live]) l.destroy("proxy-stopped");
    }
  };
}
async function admit(cfg, deps, hostText, port, now) {
  const t = decideTarget(cfg.policy, hostText, port);
  const canon = canonicalHost(hostText);
  const host = canon ? canon.kind === "name" ? canon.name : canon.address : hostText.slice(0, 100);
  if (!t.allow) return { ok: false, host, reason: t.reason, detail: t.detail };
  if (!canon) return { ok: false, host, reason: "invalid-host", detail: "not a host" };
  if (now.capReached())
    return { ok: false, host, reason: "byte-cap", detail: "the run used its egress byte cap" };
  if (now.active() > cfg.maxConnections) {
    return {
      ok: false,
      host,
      reason: "too-many-connections",
      detail: `at most ${cfg.maxConnections} at once`
    };
  }
  let addresses;
  if (canon.kind === "ip") addresses = [canon.address];
  else {
    try {
      addresses = await deps.lookup(canon.name);
    } catch (err) {
      return { ok: false, host, reason: "resolve-failed", detail: errorMessage(err) };
    }
  }
  const a = decideAddresses(cfg.policy, host, addresses);
  if (!a.allow) return { ok: false, host, reason: a.reason, detail: a.detail };
  return { ok: true, host, address: a.address };
}

// src/egress/http-forward.ts
import http from "node:http";
var HOP_BY_HOP = [
  "connection",
  "proxy-connection",
  "keep-alive",
  "proxy-authorization",
  "proxy-authenticate",
  "te",
  "trailer",
  "upgrade"
];
function withoutHopByHop(h) {
  return Object.fromEntries(Object.entries(h).filter(([k]) => !HOP_BY_HOP.includes(k)));
}
function originOf(base, started) {
  return { kind: base.kind, host: base.host, port: base.port, started };
}
function refuseRequest(core, req, res, base, started, r) {
  core.deps.log(
    decisionRecord(originOf(base, started), {
      host: r.host,
      decision: "deny",
      reason: r.reason,
      detail: r.detail
    })
  );
  req.resume();
  res.writeHead(r.status, { "content-type": "text/plain", connection: "keep-alive" });
  res.end(`sandbox-action egress: ${r.reason}: ${r.detail}
`);
}
function forwardRequest(core, req, res, o) {
  const t = { up: 0, down: 0, error: void 0, logged: false };
  if (req.socket.destroyed) {
    t.error = "the client left before the upstream was reached";
    logForwarded(core, o, t, { destroy: () => void 0, bytes: () => 0 });
    return;
  }
  const headers = withoutHopByHop(req.headers);
  headers.host = o.hostHeader;
  const log2 = () => logForwarded(core, o, t, entry);
  const upstream = http.request({
    host: o.address,
    port: o.port,
    method: req.method,
    path: o.path,
    headers,
    agent: false,
    setHost: false,
    timeout: core.cfg.idleTimeoutMs
  });
  const entry = {
    destroy(why) {
      t.error ??= why;
      upstream.destroy();
      res.destroy();
    },
    bytes: () => t.up + t.down
  };
  core.live(entry);
  req.on("data", (c) => {
    t.up += c.length;
    if (core.capped) core.enforceCap();
  });
  req.pipe(upstream);
  upstream.on("timeout", () => entry.destroy("idle-timeout"));
  upstream.on("error", (err) => {
    t.error ??= `upstream: ${err.message}`;
    if (!res.headersSent) {
      res.writeHead(502, { "content-type": "text/plain" });
      res.end(`sandbox-action egress: ${o.host} could not be reached
`);
    } else res.destroy();
    log2();
  });
  upstream.on("response", (r) => relayResponse(core, res, r, t, entry));
  res.on("close", log2);
}
function logForwarded(core, o, t, entry) {
  if (t.logged) return;
  t.logged = true;
  core.end(entry);
  o.release();
  core.deps.log(
    decisionRecord(originOf(o.base, o.started), {
      host: o.host,
      address: o.address,
      decision: "allow",
      reason: "allowed",
      ...t.error ? { error: t.error } : {},
      bytesUp: t.up,
      bytesDown: t.down
    })
  );
}
function relayResponse(core, res, r, t, entry) {
  res.writeHead(r.statusCode ?? 502, r.statusMessage, withoutHopByHop(r.headers));
  r.on("data", (c) => {
    t.down += c.length;
    if (core.capped) core.enforceCap();
  });
  r.pipe(res);
  r.on("error", () => entry.destroy("upstream reset"));
}
function httpServerOptions(cfg) {
  return {
    maxHeaderSize: cfg.maxHeaderBytes,
    headersTimeout: 3e4,
    requestTimeout: 0,
    keepAliveTimeout: Math.min(cfg.idleTimeoutMs, 6e4)
  };
}
function refuseUpgradesAndErrors(server, log2, kind) {
  server.on("upgrade", (req, socket) => {
    log2(
      instantRefusal(
        { kind, host: (req.url ?? "").slice(0, 100), port: 0 },
        { reason: "bad-request", detail: "protocol upgrades are not served" }
      )
    );
    socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n");
  });
  server.on("clientError", (err, socket) => {
    if (socket.writable) {
      const status = err.code === "HPE_HEADER_OVERFLOW" ? 431 : 400;
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r
Connection: close\r
\r
`);
    } else socket.destroy();
  });
}

// src/egress/routes.ts
import https from "node:https";
var REQUEST_DROPPED = [...HOP_BY_HOP, "host"];
function matchRoute(routes, url, self) {
  let rest;
  if (url.startsWith("/")) rest = url;
  else {
    let u;
    try {
      u = new URL(url);
    } catch {
      return null;
    }
    if (u.protocol !== "http:" || !self.includes(u.host)) return null;
    rest = `${u.pathname}${u.search}`;
  }
  const m = /^\/([^/?#]*)(.*)$/s.exec(rest);
  const name = m?.[1] ?? "";
  const route = routes.find((r) => r.name === name);
  if (!route) return { unknown: name.slice(0, 64) };
  const tail = m[2];
  const path = tail.startsWith("/") ? tail : tail.startsWith("?") ? `/${tail}` : "/";
  if (/[\u0000-\u0020\u007f]/.test(path) || path.startsWith("//")) return { unknown: name };
  return { route, path };
}
function serveRoute(core, req, res, m) {
  const { route } = m;
  const x = {
    core,
    req,
    res,
    route,
    path: m.path,
    started: Date.now(),
    up: 0,
    down: 0,
    logged: false
  };
  if (core.capReached()) return refuse(x, 403, "byte-cap", "the run used its egress byte cap");
  const release = core.takeSlot();
  res.on("close", release);
  void core.deps.lookup(route.host).then(
    (addresses) => {
      const a = decideAddresses(core.cfg.policy, route.host, addresses);
      if (!a.allow) return refuse(x, 403, a.reason, a.detail);
      forward(x, a.address);
    },
    (err) => refuse(x, 502, "resolve-failed", errorMessage(err))
  );
}
function log(x, decision, reason, extra = {}) {
  if (x.logged) return;
  x.logged = true;
  const at = { kind: "http", host: x.route.host, port: x.route.port, started: x.started };
  x.core.deps.log(decisionRecord(at, { decision, reason, bytesUp: x.up, bytesDown: x.down, ...extra }));
}
function refuse(x, status, reason, detail) {
  log(x, "deny", reason, { detail });
  x.req.resume();
  x.res.writeHead(status, { "content-type": "text/plain" });
  x.res.end(`sandbox-action egress: ${reason}: ${detail}
`);
}
function upstreamHeaders(req, route) {
  const headers = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (!REQUEST_DROPPED.includes(k) && k !== route.header) headers[k] = v;
  }
  headers.host = route.port === 443 ? route.host : `${route.host}:${route.port}`;
  headers[route.header] = route.value;
  return headers;
}
function forward(x, address) {
  const { core, req, res, route } = x;
  const upstream = https.request({
    host: address,
    port: route.port,
    servername: route.host,
    method: req.method,
    path: x.path,
    headers: upstreamHeaders(req, route),
    agent: false,
    ...route.ca ? { ca: route.ca } : {},
    timeout: core.cfg.idleTimeoutMs
  });
  const entry = {
    destroy: (why) => {
      upstream.destroy(new Error(why));
      res.destroy();
    },
    bytes: () => x.up + x.down
  };
  core.live(entry);
  res.on("close", () => {
    core.end(entry);
    log(x, "allow", "secret-route", { address, detail: route.name });
  });
  req.on("data", (c) => x.up += c.length);
  req.pipe(upstream);
  upstream.on("timeout", () => entry.destroy("idle-timeout"));
  upstream.on("error", (err) => {
    if (!res.headersSent) {
      res.writeHead(502, { "content-type": "text/plain" });
      res.end(`sandbox-action egress: ${route.host} could not be reached: ${err.message}
`);
    } else res.destroy();
  });
  upstream.on("response", (r) => {
    const back = Object.fromEntries(Object.entries(r.headers).filter(([k]) => !HOP_BY_HOP.includes(k)));
    res.writeHead(r.statusCode ?? 502, r.statusMessage, back);
    r.on("data", (c) => x.down += c.length);
    r.pipe(res);
  });
}

// src/egress/tunnel.ts
import net4 from "node:net";

// src/egress/client-hello.ts
var MAX_HELLO_BYTES = 32 * 1024;
var HANDSHAKE = 22;
var CLIENT_HELLO = 1;
function handshakeBytes(buf) {
  const parts = [];
  let off = 0;
  while (off < buf.length) {
    if (buf.length - off < 5) return { payload: Buffer.concat(parts) };
    const type = buf[off];
    const major = buf[off + 1];
    const len = buf.readUInt16BE(off + 3);
    if (type !== HANDSHAKE) {
      return parts.length ? { payload: Buffer.concat(parts) } : { bad: "not a TLS handshake" };
    }
    if (major !== 3) return { bad: "not TLS (record version)" };
    if (len === 0 || len > 16384 + 2048) return { bad: "TLS record length out of range" };
    if (buf.length - off - 5 < len) {
      parts.push(buf.subarray(off + 5));
      return { payload: Buffer.concat(parts) };
    }
    parts.push(buf.subarray(off + 5, off + 5 + len));
    off += 5 + len;
  }
  return { payload: Buffer.concat(parts) };
}
function readClientHello(buf) {
  if (buf.length === 0) return { state: "need-more" };
  if (buf[0] !== HANDSHAKE) return { state: "not-tls", why: "the first byte is not a TLS handshake record" };
  if (buf.length > MAX_HELLO_BYTES) return { state: "not-tls", why: "the ClientHello is too large" };
  const hs = handshakeBytes(buf);
  if ("bad" in hs) return { state: "not-tls", why: hs.bad };
  const p = hs.payload;
  if (p.length < 4) return { state: "need-more" };
  if (p[0] !== CLIENT_HELLO)
    return { state: "not-tls", why: "the first handshake message is not a ClientHello" };
  const bodyLen = p.readUIntBE(1, 3);
  if (bodyLen > MAX_HELLO_BYTES) return { state: "not-tls", why: "the ClientHello is too large" };
  if (p.length < 4 + bodyLen) return { state: "need-more" };
  const body = p.subarray(4, 4 + bodyLen);
  try {
    return { state: "done", sni: sniFromBody(body) };
  } catch (err) {
    return { state: "not-tls", why: errorMessage(err) };
  }
}
var Reader = class {
  constructor(b) {
    this.b = b;
  }
  b;
  off = 0;
  need(n) {
    if (this.off + n > this.b.length) throw new ProtocolError("the ClientHello is truncated");
  }
  u8() {
    this.need(1);
    return this.b[this.off++];
  }
  u16() {
    this.need(2);
    const v = this.b.readUInt16BE(this.off);
    this.off += 2;
    return v;
  }
  bytes(n) {
    this.need(n);
    const v = this.b.subarray(this.off, this.off + n);
    this.off += n;
    return v;
  }
  get left() {
    return this.b.length - this.off;
  }
};
function sniFromBody(body) {
  const r = new Reader(body);
  r.bytes(2);
  r.bytes(32);
  r.bytes(r.u8());
  const suites = r.u16();
  if (suites % 2 !== 0) throw new ProtocolError("the ClientHello has an odd cipher suite length");
  r.bytes(suites);
  r.bytes(r.u8());
  if (r.left === 0) return null;
  const extLen = r.u16();
  const ext = new Reader(r.bytes(extLen));
  let sni = null;
  let seen = false;
  while (ext.left > 0) {
    const type = ext.u16();
    const data = ext.bytes(ext.u16());
    if (type !== 0) continue;
    if (seen) throw new ProtocolError("the ClientHello has two server_name extensions");
    seen = true;
    const list = new Reader(data);
    const names = new Reader(list.bytes(list.u16()));
    const found = [];
    while (names.left > 0) {
      const kind = names.u8();
      const name2 = names.bytes(names.u16());
      if (kind === 0) found.push(name2.toString("latin1"));
    }
    if (found.length > 1) throw new ProtocolError("the ClientHello names more than one server");
    const name = found[0];
    if (name !== void 0) {
      if (!/^[\x21-\x7e]{1,255}$/.test(name))
        throw new ProtocolError("the server name is not printable ASCII");
      sni = name;
    }
  }
  return sni;
}

// src/egress/tunnel.ts
var HELLO_TIMEOUT_MS = 1e4;
var EARLY_BYTES_MAX = 64 * 1024;
function readHello(socket, initial, timeoutMs = HELLO_TIMEOUT_MS) {
  return new Promise((resolve) => {
    let hello = Buffer.from(initial);
    let settled = false;
    const settle = (r) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off("data", onData);
      socket.off("end", onClose);
      socket.off("close", onClose);
      socket.pause();
      resolve(r);
    };
    const check = () => {
      const r = readClientHello(hello);
      if (r.state === "need-more") return;
      settle(r.state === "done" ? { state: "done", sni: r.sni, bytes: hello } : r);
    };
    const onData = (c) => {
      hello = Buffer.concat([hello, c]);
      check();
    };
    const onClose = () => settle({ state: "closed" });
    const timer = setTimeout(() => settle({ state: "timeout" }), timeoutMs);
    socket.on("data", onData);
    socket.once("end", onClose);
    socket.once("close", onClose);
    socket.resume();
    if (hello.length) check();
    if (socket.readableEnded || socket.destroyed) onClose();
  });
}
function openTunnel(core, o) {
  const noHello = o.client.readableEnded && readClientHello(o.initial).state !== "done";
  if (o.client.destroyed || noHello) {
    o.release();
    o.client.destroy();
    const detail = "the client left before the upstream was reached";
    o.log({
      host: o.host,
      address: o.address,
      decision: "deny",
      reason: "not-tls",
      detail,
      bytesUp: 0,
      bytesDown: 0
    });
    return;
  }
  new TunnelExchange(core, o);
}
var TunnelExchange = class {
  constructor(core, o) {
    this.core = core;
    this.o = o;
    this.client = o.client;
    this.where = { host: o.host, address: o.address };
    const buffers = core.buffers;
    this.upstream = net4.connect({
      host: o.address,
      port: o.port,
      onread: {
        buffer: () => this.closed ? buffers.shared : this.reserved = buffers.next(),
        callback: (n, buf) => this.read(n, buf)
      }
    });
    this.upstream.once("close", () => {
      this.closed = true;
      if (this.reserved) buffers.give(this.reserved);
      this.reserved = null;
    });
    core.live(this);
    this.upstream.once("error", (err) => this.upstreamError(err));
    this.client.once("close", () => this.finish());
    this.upstream.once("connect", () => this.connected());
  }
  core;
  o;
  client;
  upstream;
  where;
  up = 0;
  down = 0;
  forwarding = false;
  /** What an upstream that speaks first sent before the hello was checked (bounded by EARLY_BYTES_MAX). */
  early = [];
  earlyBytes = 0;
  /** The buffer the next read goes into: returned to the pool when the socket closes unused. */
  reserved = null;
  closed = false;
  error;
  helloChecked = false;
  helloBytes = 0;
  readBefore = 0;
  destroy(why) {
    this.error ??= why;
    this.upstream.destroy();
    this.client.destroy();
  }
  bytes() {
    this.measure();
    return this.up + this.down;
  }
  /** One read from the upstream into a pooled buffer: forwarded, or held until the hello is checked. */
  read(n, buf) {
    this.reserved = null;
    const { chunk, done } = this.core.buffers.take(buf, n);
    if (this.core.capped && this.core.capReached()) {
      done();
      this.destroy("byte-cap");
      return false;
    }
    if (this.forwarding) this.forwardChunk(chunk, done);
    else {
      if ((this.earlyBytes += n) > EARLY_BYTES_MAX) this.destroy("upstream spoke first");
      else this.early.push(Buffer.from(chunk));
      done();
    }
    return true;
  }
  forwardChunk(chunk, done) {
    if (!this.client.write(chunk, done)) {
      this.upstream.pause();
      this.client.once("drain", () => this.upstream.resume());
    }
  }
  measure() {
    if (!this.helloChecked) return;
    this.up = this.helloBytes + this.client.bytesRead - this.readBefore;
    this.down = this.upstream.bytesRead;
  }
  connected() {
    const { client, upstream } = this;
    upstream.setNoDelay(true);
    client.setNoDelay(true);
    client.setTimeout(this.core.cfg.idleTimeoutMs, () => this.destroy("idle-timeout"));
    upstream.setTimeout(this.core.cfg.idleTimeoutMs, () => this.destroy("idle-timeout"));
    this.o.onConnected({
      forward: (hello) => this.forward(hello),
      deny: (reason, detail) => {
        this.o.log({ ...this.where, decision: "deny", reason, detail });
        this.destroy(reason);
      }
    });
  }
  /** The hello is checked: from here bytes flow both ways, counted by the sockets themselves. */
  forward(hello) {
    const { client, upstream } = this;
    this.helloChecked = true;
    this.helloBytes = hello.length;
    this.readBefore = client.bytesRead;
    upstream.write(hello);
    client.pipe(upstream);
    this.forwarding = true;
    for (const c of this.early.splice(0)) this.forwardChunk(c);
    upstream.once("close", () => client.destroySoon?.() ?? client.end());
    upstream.once("end", () => client.end());
  }
  upstreamError(err) {
    if (!this.upstream.connecting) {
      this.error ??= `upstream: ${err.message}`;
      return;
    }
    this.core.end(this);
    this.o.release();
    this.error = `upstream: ${err.message}`;
    this.o.log({ ...this.where, decision: "allow", reason: "allowed", error: this.error });
    this.o.onConnectError();
  }
  finish() {
    this.measure();
    this.core.end(this);
    this.o.release();
    this.upstream.destroy();
    this.client.destroy();
    const bytes = { bytesUp: this.up, bytesDown: this.down };
    if (!this.helloChecked) {
      const detail = "the client closed the tunnel before a TLS ClientHello";
      this.o.log({ ...this.where, decision: "deny", reason: "not-tls", detail, ...bytes });
      return;
    }
    const error = this.error ? { error: this.error } : {};
    this.o.log({ ...this.where, decision: "allow", reason: "allowed", ...error, ...bytes });
  }
};

// src/egress/server.ts
function splitAuthority(text) {
  const m = /^(.{1,300}):(\d{1,5})$/.exec(text);
  if (!m) return null;
  const port = Number(m[2]);
  return port >= 1 && port <= 65535 ? { host: m[1], port } : null;
}
function createProxyServer(cfg, deps, shared) {
  const core = shared ?? createProxyCore(cfg, deps);
  const server = http2.createServer(httpServerOptions(cfg));
  server.timeout = cfg.idleTimeoutMs;
  server.on(
    "connect",
    (req, client, head) => onConnect(core, deps, req, client, head)
  );
  server.on(
    "request",
    (req, res) => onRequest(core, cfg, deps, req, res)
  );
  refuseUpgradesAndErrors(server, deps.log, "http");
  return {
    server,
    core,
    totalBytes: core.totalBytes,
    activeConnections: core.activeConnections,
    shutdown() {
      core.shutdown();
      server.close();
      server.closeAllConnections();
    }
  };
}
function connectLedger(deps, req, client, target, started) {
  const rec = onceRecorder(deps.log, {
    kind: "connect",
    host: target?.host ?? (req.url ?? "").slice(0, 100),
    port: target?.port ?? 0,
    started
  });
  const refuse2 = (status, host, reason, detail) => {
    rec({ host, decision: "deny", reason, detail });
    if (client.writable) {
      client.end(
        `HTTP/1.1 ${status} ${http2.STATUS_CODES[status]}\r
Content-Type: text/plain\r
Connection: close\r
\r
sandbox-action egress: ${reason}: ${detail}
`
      );
    }
    client.destroySoon?.();
  };
  return { rec, refuse: refuse2 };
}
function helloDecides(host, h, t) {
  if (h.state === "closed") return t.deny("not-tls", "the client closed the tunnel before a TLS ClientHello");
  if (h.state === "timeout") return t.deny("not-tls", "no TLS ClientHello within 10 s");
  if (h.state === "not-tls") return t.deny("not-tls", h.why);
  const s = decideSni(host, h.sni);
  if (!s.allow) return t.deny(s.reason, s.detail);
  t.forward(h.bytes);
}
function onConnect(core, deps, req, client, head) {
  const started = Date.now();
  const target = splitAuthority(req.url ?? "");
  const { rec, refuse: refuse2 } = connectLedger(deps, req, client, target, started);
  client.on("error", () => client.destroy());
  if (!target) {
    refuse2(400, (req.url ?? "").slice(0, 100), "bad-request", "CONNECT needs host:port");
    return;
  }
  const release = core.takeSlot();
  void core.admit(target.host, target.port).then((a) => {
    if (!a.ok) {
      release();
      refuse2(403, a.host, a.reason, a.detail);
      return;
    }
    openTunnel(core, {
      client,
      initial: head,
      host: a.host,
      address: a.address,
      port: target.port,
      log: rec,
      release,
      onConnectError: () => {
        if (client.writable) {
          client.end(
            `HTTP/1.1 502 Bad Gateway\r
Connection: close\r
\r
sandbox-action egress: ${a.host} could not be reached
`
          );
        }
      },
      onConnected: (t) => {
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        void readHello(client, head).then((h) => helloDecides(a.host, h, t));
      }
    });
  });
}
function onRequest(core, cfg, deps, req, res) {
  const started = Date.now();
  const routed = cfg.routes?.length ? matchRoute(cfg.routes, req.url ?? "", deps.selfHosts ?? []) : null;
  if (routed && "route" in routed) return serveRoute(core, req, res, routed);
  let url = null;
  try {
    if (/^http:\/\//i.test(req.url ?? "")) url = new URL(req.url);
  } catch {
    url = null;
  }
  const port = url ? Number(url.port || 80) : 0;
  const base = {
    kind: "http",
    host: url?.hostname ?? (req.url ?? "").slice(0, 100),
    port
  };
  const refuse2 = (status, host, reason, detail) => refuseRequest(core, req, res, base, started, { status, host, reason, detail });
  if (routed) {
    refuse2(404, routed.unknown, "bad-request", `there is no secret route '${routed.unknown}'`);
    return;
  }
  if (!url) {
    refuse2(400, base.host, "bad-request", "only absolute-form http:// requests and CONNECT are served");
    return;
  }
  const hostCheck = decideHostHeader(url.host, req.headers.host);
  if (!hostCheck.allow) {
    refuse2(403, url.hostname, hostCheck.reason, hostCheck.detail);
    return;
  }
  const release = core.takeSlot();
  const target = url;
  void core.admit(target.hostname, port).then((a) => {
    if (!a.ok) {
      release();
      refuse2(403, a.host, a.reason, a.detail);
      return;
    }
    forwardRequest(core, req, res, {
      base,
      started,
      host: a.host,
      address: a.address,
      port,
      path: `${target.pathname}${target.search}`,
      hostHeader: target.host,
      release
    });
  });
}
function listenAddress(subnet, interfaces) {
  if (!subnet) return "0.0.0.0";
  const [addr, prefix] = subnet.split("/");
  const family = net5.isIPv4(addr) ? "ipv4" : "ipv6";
  const list = new net5.BlockList();
  list.addSubnet(addr, Number(prefix), family);
  for (const entries of Object.values(interfaces)) {
    for (const e of entries ?? []) {
      if ((e.family === "IPv4" || e.family === 4) && family === "ipv4" && list.check(e.address, "ipv4"))
        return e.address;
    }
  }
  throw new InternalError(`no interface of the proxy is in ${subnet}`);
}

// src/egress/shutdown.ts
var IDLE_KINDS = /* @__PURE__ */ new Set([
  "PipeWrap",
  "TTYWrap",
  "Timeout",
  "Immediate",
  "SignalWrap"
]);
function nothingOpen(kinds) {
  return kinds.every((k) => IDLE_KINDS.has(k));
}
function leaveWhenIdle(leave, o) {
  const resources = o.resources ?? (() => process.getActiveResourcesInfo());
  const now = o.now ?? Date.now;
  const until = now() + o.graceMs;
  const check = () => {
    if (nothingOpen(resources()) || now() >= until) leave();
    else setTimeout(check, o.everyMs ?? 2);
  };
  setImmediate(check);
}

// src/egress/transparent.ts
import http3 from "node:http";
import net6 from "node:net";
function onceLog(core, kind, port, started) {
  return onceRecorder(core.deps.log, { kind, host: "(none)", port, started });
}
function transparentTls(core, client, port, first, started) {
  const log2 = onceLog(core, "tls", port, started);
  const refuse2 = (host, reason, detail) => {
    log2({ host, decision: "deny", reason, detail });
    client.destroy();
  };
  void readHello(client, first).then(async (h) => {
    if (h.state === "closed")
      return refuse2("(none)", "not-tls", "the client closed before a TLS ClientHello");
    if (h.state === "timeout") return refuse2("(none)", "not-tls", "no TLS ClientHello within 10 s");
    if (h.state === "not-tls") return refuse2("(none)", "not-tls", h.why);
    const named = decideTransparentName(core.cfg.policy, h.sni, port, "sni");
    if (!named.allow) return refuse2(h.sni ? printable(h.sni) : "(none)", named.reason, named.detail);
    const release = core.takeSlot();
    const a = await core.admit(h.sni, port);
    if (!a.ok) {
      release();
      return refuse2(a.host, a.reason, a.detail);
    }
    if (client.destroyed) {
      release();
      return refuse2(a.host, "not-tls", "the client left before the upstream was reached");
    }
    openTunnel(core, {
      client,
      initial: h.bytes,
      host: a.host,
      address: a.address,
      port,
      log: log2,
      release,
      onConnectError: () => client.destroy(),
      onConnected: (t) => t.forward(h.bytes)
    });
  });
}
function hostRouter(core, port) {
  const server = http3.createServer(httpServerOptions(core.cfg));
  server.timeout = core.cfg.idleTimeoutMs;
  server.on(
    "request",
    (req, res) => routeByHost(core, port, req, res)
  );
  server.on(
    "connect",
    (req, socket) => refuseConnect(core, port, req, socket)
  );
  refuseUpgradesAndErrors(server, core.deps.log, "http-host");
  return server;
}
function routeByHost(core, port, req, res) {
  const started = Date.now();
  const hostText = req.headers.host;
  const parts = hostText === void 0 ? null : splitHostHeader(hostText);
  const base = {
    kind: "http-host",
    host: parts?.host ?? printable(hostText ?? "(none)"),
    port
  };
  const refuse2 = (status, host, reason, detail) => refuseRequest(core, req, res, base, started, { status, host, reason, detail });
  if (!(req.url ?? "").startsWith("/")) {
    refuse2(400, base.host, "bad-request", "a transparent HTTP port serves origin-form requests only");
    return;
  }
  if (hostText !== void 0 && !parts) {
    refuse2(400, base.host, "invalid-host", `Host '${printable(hostText)}' is not host[:port]`);
    return;
  }
  if (parts?.port !== null && parts?.port !== void 0 && parts.port !== port) {
    const detail = `Host names port ${parts.port}, the connection is to port ${port}`;
    refuse2(403, parts.host, "host-header-mismatch", detail);
    return;
  }
  const named = decideTransparentName(core.cfg.policy, parts?.host, port, "host");
  if (!named.allow) {
    refuse2(403, base.host, named.reason, named.detail);
    return;
  }
  const release = core.takeSlot();
  void core.admit(parts.host, port).then((a) => {
    if (!a.ok) {
      release();
      refuse2(403, a.host, a.reason, a.detail);
      return;
    }
    forwardRequest(core, req, res, {
      base,
      started,
      host: a.host,
      address: a.address,
      port,
      path: req.url,
      hostHeader: hostText,
      release
    });
  });
}
function refuseConnect(core, port, req, socket) {
  core.deps.log(
    instantRefusal(
      { kind: "http-host", host: printable(req.url ?? ""), port },
      { reason: "bad-request", detail: "CONNECT is served on the proxy port only" }
    )
  );
  socket.end("HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\n\r\n");
}
async function startTransparent(core, address) {
  const servers = [];
  const routers = [];
  for (const port of core.cfg.policy.ports) {
    const router = hostRouter(core, port);
    routers.push(router);
    const server = net6.createServer(
      { allowHalfOpen: true },
      (socket) => sniffConnection(core, port, router, socket)
    );
    server.maxConnections = core.cfg.maxConnections;
    servers.push(server);
    await listenOn(server, address, port);
  }
  return {
    ports: [...core.cfg.policy.ports],
    close() {
      for (const s of servers) s.close();
      for (const r of routers) r.closeAllConnections();
    }
  };
}
function sniffConnection(core, port, router, socket) {
  const started = Date.now();
  socket.on("error", () => socket.destroy());
  const timer = setTimeout(() => {
    onceLog(
      core,
      "tls",
      port,
      started
    )({
      decision: "deny",
      reason: "not-tls",
      detail: "nothing was sent within 10 s"
    });
    socket.destroy();
  }, HELLO_TIMEOUT_MS);
  socket.once("close", () => clearTimeout(timer));
  socket.once("data", (first) => {
    clearTimeout(timer);
    socket.pause();
    const protocol = transparentProtocol(port, first[0]);
    if (protocol === "tls") return transparentTls(core, socket, port, first, started);
    if (protocol === "http") {
      socket.unshift(first);
      router.emit("connection", socket);
      socket.resume();
      return;
    }
    onceLog(
      core,
      port === 80 ? "http-host" : "tls",
      port,
      started
    )({
      decision: "deny",
      reason: port === 80 ? "not-http" : "not-tls",
      detail: port === 80 ? "not HTTP on port 80" : `not TLS${port === 443 ? "" : " or HTTP"} on port ${port}`
    });
    socket.destroy();
  });
}
function listenOn(server, address, port) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host: address, port, backlog: 1024 }, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

// src/egress/main.ts
function line(o) {
  process.stdout.write(`${JSON.stringify(o)}
`);
}
function fatal(err) {
  process.stderr.write(`egress-proxy: ${errorMessage(err)}
`);
  process.exit(1);
}
async function main() {
  let cfg;
  try {
    cfg = parseProxyConfig(process.env[CONFIG_ENV] ?? "");
  } catch (err) {
    process.stderr.write(`egress-proxy: ${errorMessage(err)}
`);
    process.exit(2);
  }
  const host = listenAddress(cfg.listenSubnet, os.networkInterfaces());
  const proxy = createProxyServer(cfg, {
    log: line,
    lookup: makeLookup(cfg),
    selfHosts: [`${host}:${cfg.port}`]
  });
  proxy.server.on("error", fatal);
  await new Promise(
    (resolve) => proxy.server.listen({ host, port: cfg.port, backlog: 1024 }, () => resolve())
  );
  let dns2 = null;
  let transparent = null;
  if (cfg.transparent) {
    [dns2, transparent] = await Promise.all([
      startDnsResponder(cfg.policy, host, line),
      startTransparent(proxy.core, host)
    ]).catch(fatal);
  }
  line({
    event: "listening",
    address: host,
    port: cfg.port,
    mode: cfg.policy.mode,
    transparent: transparent ? { dns: 53, ports: transparent.ports } : null
  });
  const stop = () => {
    dns2?.close();
    transparent?.close();
    proxy.shutdown();
    leaveWhenIdle(
      () => {
        line({ event: "stopped", totalBytes: proxy.totalBytes() });
        process.exit(0);
      },
      { graceMs: 200 }
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
void main();
