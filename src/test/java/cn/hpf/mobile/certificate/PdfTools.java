package cn.hpf.mobile.certificate;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/** Debian's poppler-utils (bin/tools installs them) read, render and check the PDFs as a third party would. */
final class PdfTools {

    private PdfTools() {
    }

    static Path write(byte[] pdf) throws IOException {
        Path file = Files.createTempFile(Path.of("target"), "certificate", ".pdf");
        Files.write(file, pdf);
        return file;
    }

    /** pdftotext -layout: the text as laid out on the page. */
    static String text(Path pdf) {
        return run("pdftotext", "-layout", "-enc", "UTF-8", pdf.toString(), "-");
    }

    /** pdfsig's report of every signature in the file. */
    static String signatures(Path pdf) {
        return run("pdfsig", pdf.toString());
    }

    /** The first page rendered by pdftoppm at {@code dpi}. */
    static BufferedImage render(Path pdf, int dpi) throws IOException {
        Path prefix = pdf.resolveSibling(pdf.getFileName() + "-" + dpi);
        run("pdftoppm", "-r", Integer.toString(dpi), "-png", "-singlefile", "-f", "1", "-l", "1", pdf.toString(),
                prefix.toString());
        return ImageIO.read(prefix.resolveSibling(prefix.getFileName() + ".png").toFile());
    }

    /** The QR code on the page, decoded by ZXing from the rendered pixels. */
    static String qr(BufferedImage page) throws Exception {
        int[] rgb = page.getRGB(0, 0, page.getWidth(), page.getHeight(), null, 0, page.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(page.getWidth(), page.getHeight(), rgb)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }

    /** The share of pixels that are not near-white. */
    static double inkedShare(BufferedImage page) {
        long inked = 0;
        for (int y = 0; y < page.getHeight(); y++) {
            for (int x = 0; x < page.getWidth(); x++) {
                int p = page.getRGB(x, y);
                int lum = ((p >> 16 & 0xff) + (p >> 8 & 0xff) + (p & 0xff)) / 3;
                if (lum < 200) {
                    inked++;
                }
            }
        }
        return (double) inked / ((long) page.getWidth() * page.getHeight());
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            // pdfsig exits non-zero for an invalid signature: its report is what the tests read.
            if (p.exitValue() != 0 && !command[0].equals("pdfsig")) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException(command[0] + " is missing: bin/tools installs poppler-utils", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> lines(String text) {
        return new ArrayList<>(text.lines().toList());
    }
}
