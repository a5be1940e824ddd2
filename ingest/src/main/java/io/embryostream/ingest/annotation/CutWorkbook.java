package io.embryostream.ingest.annotation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.ZipFile;

/**
 * Whether a workbook's container is whole. A copy cut short still opens in POI, which reads as far as the
 * bytes go; the fuzz campaign found cut workbooks published with exit 0. An .xlsx is a ZIP whose central
 * directory is at its end; an .xls is a compound file (MS-CFB) whose FAT names every sector it allocates,
 * each of which must be in the file.
 */
final class CutWorkbook {

    private static final int HEADER = 512;
    private static final int FREE_SECTOR = 0xFFFFFFFF;
    private static final int MAX_REGULAR_SECTOR = 0xFFFFFFFA;
    private static final int HEADER_DIFAT_ENTRIES = 109;

    private CutWorkbook() {
    }

    /**
     * Why the ZIP is incomplete, empty when its central directory reads or when the file does not start
     * as a ZIP at all (POI then says what the file is not).
     */
    static Optional<String> zip(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer start = read(channel, 0, 4);
            if (start == null || start.getInt(0) != 0x04034B50) { // "PK\3\4", a ZIP's first local header
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.of("unreadable (" + e.getMessage() + ")");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.size() > 0 ? Optional.empty() : Optional.of("a ZIP (.xlsx) with no entries");
        } catch (IOException e) {
            return Optional.of("not a complete ZIP (.xlsx) file (" + e.getMessage() + ")");
        }
    }

    /**
     * Why the compound file is incomplete: a FAT sector or an allocated sector lies past its end, or it ends
     * inside a sector (cut within unallocated sectors). Empty when
     * it is whole, or when the header is not a compound file's (POI then says what the file is not).
     */
    static Optional<String> compoundFile(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer header = read(channel, 0, HEADER);
            if (header == null || header.getLong(0) != 0xE11AB1A1E011CFD0L) {
                return Optional.empty();
            }
            int sectorSize = 1 << header.getShort(0x1E);
            int fatSectors = header.getInt(0x2C);
            long highest = -1;
            for (int i = 0; i < Math.min(fatSectors, HEADER_DIFAT_ENTRIES); i++) {
                int fatSector = header.getInt(0x4C + 4 * i);
                ByteBuffer fat = read(channel, offset(fatSector, sectorSize), sectorSize);
                if (fat == null) {
                    return Optional.of(size + " bytes, but its allocation table's sector " + fatSector + " lies past the end");
                }
                for (int entry = 0; entry < sectorSize / 4; entry++) {
                    int next = fat.getInt(4 * entry);
                    if (next != FREE_SECTOR) {
                        highest = Math.max(highest, (long) i * (sectorSize / 4) + entry);
                    }
                }
            }
            // every allocated sector must be in the file whole: a compound file is a sequence of whole sectors
            if (highest >= 0 && Integer.compareUnsigned((int) highest, MAX_REGULAR_SECTOR) <= 0
                    && offset((int) highest, sectorSize) + sectorSize > size) {
                return Optional.of(size + " bytes, but it allocates sector " + highest + ", bytes "
                        + offset((int) highest, sectorSize) + "–" + (offset((int) highest, sectorSize) + sectorSize));
            }
            if ((size - HEADER) % sectorSize != 0) {
                return Optional.of(size + " bytes, not the header and whole " + sectorSize + "-byte sectors");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("unreadable (" + e.getMessage() + ")");
        }
    }

    private static long offset(int sector, int sectorSize) {
        return HEADER + (long) Integer.toUnsignedLong(sector) * sectorSize;
    }

    /** {@code length} bytes at {@code position}, little-endian; null where the file ends before them. */
    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        if (position + length > channel.size()) {
            return null;
        }
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) {
                return null;
            }
        }
        return b.flip();
    }
}
