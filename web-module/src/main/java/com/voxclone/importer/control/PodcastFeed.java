package com.voxclone.importer.control;

import com.voxclone.importer.boundary.ImportRejectedException;
import com.voxclone.importer.entity.MediaItem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The episodes of a podcast feed (RSS 2.0 with audio or video enclosures, iTunes tags for length): a
 * company's own talks and town halls are often published this way. The XML is read with document type declarations
 * refused, so no entity of the feed can make the server read files or fetch addresses.
 */
public final class PodcastFeed {

    /** Feeds larger than this are not read. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    private static final String ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd";

    private PodcastFeed() {
    }

    /** Whether an answer with this content type and these first bytes is a feed rather than a media file. */
    public static boolean looksLikeFeed(String contentType, byte[] head) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("rss") || type.contains("atom") || type.contains("xml")) {
            return true;
        }
        String start = new String(head, 0, Math.min(head.length, 512), StandardCharsets.ISO_8859_1).stripLeading();
        return start.startsWith("<?xml") || start.startsWith("<rss");
    }

    /** Up to {@code max} media items of the feed, newest first as the feed lists them; addresses resolved against {@code feedUrl}. */
    public static List<MediaItem> items(byte[] xml, URI feedUrl, int max) {
        Document document = parse(xml);
        Element root = document.getDocumentElement();
        if (!"rss".equals(root.getLocalName() == null ? root.getNodeName() : root.getLocalName())) {
            throw new ImportRejectedException("The address gives an XML document that is not a podcast feed (RSS).");
        }
        List<MediaItem> items = new ArrayList<>();
        NodeList entries = root.getElementsByTagName("item");
        for (int i = 0; i < entries.getLength() && items.size() < max; i++) {
            Element entry = (Element) entries.item(i);
            Element enclosure = child(entry, null, "enclosure");
            if (enclosure == null || !isMedia(enclosure.getAttribute("type"))) {
                continue;
            }
            URI media;
            try {
                media = feedUrl.resolve(enclosure.getAttribute("url").strip());
            } catch (IllegalArgumentException e) {
                continue;
            }
            String title = text(child(entry, null, "title"));
            items.add(new MediaItem(media.toString(), title == null || title.isBlank() ? media.getPath() : title.strip(),
                    duration(text(child(entry, ITUNES, "duration")))));
        }
        if (items.isEmpty()) {
            throw new ImportRejectedException("The podcast feed has no audio or video episodes.");
        }
        return items;
    }

    private static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // Quiet: problems surface as the exception below, not as lines on the server console.
            builder.setErrorHandler(new DefaultHandler());
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be configured safely", e);
        } catch (SAXException | IOException e) {
            throw new ImportRejectedException("The podcast feed could not be read: it is not well-formed XML, or it declares a "
                    + "document type, which is not accepted.", e);
        }
    }

    private static boolean isMedia(String type) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        return t.startsWith("audio/") || t.startsWith("video/");
    }

    /** {@code itunes:duration}: seconds, MM:SS or HH:MM:SS. */
    static Double duration(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        double seconds = 0;
        try {
            for (String part : value.strip().split(":")) {
                seconds = seconds * 60 + Double.parseDouble(part);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return seconds > 0 ? seconds : null;
    }

    /** The first direct child element with this name (in this namespace, or without one when {@code namespace} is null). */
    private static Element child(Element parent, String namespace, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())
                    && (namespace == null ? e.getNamespaceURI() == null : namespace.equals(e.getNamespaceURI()))) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element e) {
        return e == null ? null : e.getTextContent();
    }
}
