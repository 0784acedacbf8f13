import {
  Download,
  File,
  FileArchive,
  FileCode,
  FileImage,
  FileMusic,
  FilePlay,
  FileSpreadsheet,
  FileText,
  type LucideIcon,
  Presentation,
} from "lucide-react";
import { useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { documentLabel, fileSizeLabel, isDocumentFamily, mediaUrl } from "@/lib/client/media-format";
import type { MessageFile } from "@/lib/contracts/messaging";
import { Spinner } from "../../ui/spinner";
import { type PendingUpload, UploadProgress } from "./upload-progress";

interface Kind {
  icon: LucideIcon;
  /** Icon colour, light and dark. */
  color: string;
  labels: readonly string[];
}

/** File families by their short label or family id (documentLabel); the first that lists the label wins. */
const KINDS: readonly Kind[] = [
  { icon: FileText, color: "text-[#e5403a] dark:text-[#ff6b61]", labels: ["PDF"] },
  { icon: FileText, color: "text-[#2f6fd6] dark:text-[#6fa4ff]", labels: ["DOC", "DOCX", "ODT", "RTF", "PAGES", "EPUB"] },
  { icon: FileSpreadsheet, color: "text-[#1e8e4f] dark:text-[#4cc985]", labels: ["XLS", "XLSX", "XLSM", "ODS", "CSV", "TSV"] },
  { icon: Presentation, color: "text-[#d4651e] dark:text-[#f39a5c]", labels: ["PPT", "PPTX", "ODP", "KEY"] },
  {
    icon: FileArchive,
    color: "text-[#b7791f] dark:text-[#f0b54a]",
    labels: ["ZIP", "RAR", "7Z", "TAR", "GZ", "TGZ", "BZ2", "XZ", "ZST", "APK", "DMG", "ISO"],
  },
  {
    icon: FileImage,
    color: "text-[#8e4fd1] dark:text-[#b98cf0]",
    labels: ["image", "JPG", "JPEG", "PNG", "GIF", "WEBP", "HEIC", "HEIF", "SVG", "BMP", "TIF", "TIFF", "PSD"],
  },
  { icon: FileMusic, color: "text-[#d6336c] dark:text-[#f26d9b]", labels: ["audio", "MP3", "WAV", "OGG", "OPUS", "M4A", "FLAC", "AAC"] },
  { icon: FilePlay, color: "text-[#c2255c] dark:text-[#f0668f]", labels: ["video", "MP4", "MOV", "MKV", "WEBM", "AVI", "M4V"] },
  {
    icon: FileCode,
    color: "text-[#54656f] dark:text-[#aebac1]",
    labels: [
      "JSON",
      "XML",
      "HTML",
      "HTM",
      "CSS",
      "JS",
      "TS",
      "TSX",
      "JSX",
      "PY",
      "RB",
      "GO",
      "RS",
      "JAVA",
      "C",
      "H",
      "CPP",
      "SH",
      "YML",
      "YAML",
      "SQL",
    ],
  },
  { icon: FileText, color: "text-[#54656f] dark:text-[#aebac1]", labels: ["TXT", "MD", "LOG"] },
];
const FALLBACK: Kind = { icon: File, color: "text-[#54656f] dark:text-[#aebac1]", labels: [] };

export function documentKind(label: string): Kind {
  return KINDS.find((k) => k.labels.includes(label)) ?? FALLBACK;
}

/** "Quarterly report" and ".pdf": the name truncates, the extension stays visible. */
function splitName(fileName: string): [string, string] {
  const dot = fileName.lastIndexOf(".");
  if (dot <= 0 || fileName.length - dot > 9) return [fileName, ""];
  return [fileName.slice(0, dot), fileName.slice(dot)];
}

/** The round Download button, a link or (an encrypted document) a button. */
const DOWNLOAD_BUTTON =
  "flex size-10 shrink-0 items-center justify-center rounded-full border border-black/10 text-[#54656f] transition-colors hover:bg-black/5 dark:border-white/15 dark:text-[#aebac1] dark:hover:bg-white/10";

/** Saves a file the page holds (an encrypted document, decrypted here) under its name, as a download link would. */
function save(blob: Blob, name: string) {
  const href = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement("a"), { href, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/**
 * A document card: a file-type icon, the name (cut in the middle of long names so the extension shows),
 * "PDF · 1.2 MB" and a round download button. While uploading, the upload ring takes the button's place.
 * An encrypted document has no link to follow: Download calls `onDownload` (which decrypts it) and saves it.
 */
export function DocumentAttachment({
  file,
  mine,
  url,
  upload,
  onDownload,
}: {
  file: MessageFile;
  mine: boolean;
  url?: string;
  upload?: PendingUpload;
  onDownload?: () => Promise<Blob | null>;
}) {
  const t = useTranslations("attachments.document");
  const tMedia = useTranslations("system.media");
  const locale = useLocale();
  const [opening, setOpening] = useState(false);
  const label = documentLabel(file.mime, file.fileName);
  const { icon: Icon, color } = documentKind(label);
  const type = isDocumentFamily(label) ? tMedia(`families.${label}`) : label;
  const [stem, ext] = splitName(file.fileName);
  const tone = mine ? "bg-[#cff5c8] dark:bg-[#025144]" : "bg-[#f5f6f6] dark:bg-[#1d282f]";
  return (
    <div className={`-mx-1 -mt-0.5 mb-1 flex w-[300px] max-w-[calc(100%+0.5rem)] items-center gap-3 rounded-md py-2.5 pe-2 ps-2.5 ${tone}`}>
      <Icon aria-hidden className={`size-9 shrink-0 ${color}`} strokeWidth={1.5} />
      <div className="min-w-0 flex-1">
        <p className="flex min-w-0 text-[14.2px] leading-5 text-ink" title={file.fileName}>
          <span className="truncate">{stem}</span>
          {ext && <span className="shrink-0 whitespace-pre">{ext}</span>}
        </p>
        <p className="truncate text-[12px] leading-4 text-ink-muted">
          {[type, file.pageCount ? t("pages", { count: file.pageCount }) : null, fileSizeLabel(file.size, locale)]
            .filter(Boolean)
            .join(" · ")}
        </p>
      </div>
      {upload ? (
        <UploadProgress {...upload} />
      ) : onDownload && !url ? (
        <button
          type="button"
          disabled={opening}
          onClick={async () => {
            setOpening(true);
            const blob = await onDownload().finally(() => setOpening(false));
            if (blob) save(blob, file.fileName);
          }}
          aria-label={t("download", { name: file.fileName })}
          title={t("download", { name: file.fileName })}
          className={`${DOWNLOAD_BUTTON} disabled:opacity-60`}
        >
          {opening ? <Spinner label={t("decrypting")} /> : <Download aria-hidden className="size-5" />}
        </button>
      ) : (
        <a
          href={url ?? mediaUrl(file.fileId)}
          download={file.fileName}
          aria-label={t("download", { name: file.fileName })}
          title={t("download", { name: file.fileName })}
          className={DOWNLOAD_BUTTON}
        >
          <Download aria-hidden className="size-5" />
        </a>
      )}
    </div>
  );
}
